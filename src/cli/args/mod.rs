//! The command line, as the user typed it. Values stay strings here: they are checked in
//! `config`, where an error can say which source a value came from.
//!
//! House rules: value names are uppercase; the doc comment is the help text; a
//! subcommand's own options come first, grouped under headings (`next_help_heading` on a
//! flattened struct, `help_heading` on a field: a struct's heading carries on to the
//! fields after it, so every field after a flattened struct names its own).
//!
//! The connection and signing options ([`Options`]) are defined once, on the top level,
//! and [`command`] copies them to the commands that sign ([`SIGNING`]): there they work
//! before or after the subcommand (`presign --endpoint aws put b/k`, `presign put b/k
//! --endpoint aws`). The commands that sign nothing ([`NOT_SIGNING`]) neither list nor
//! take them: given one, [`parse`] refuses it, naming it. Parse with [`parse`], never
//! with `Args::parse`: `Args::command()` alone has the options on the top level only.

pub mod request;
pub mod url;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};
use clap::{Args as ClapArgs, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
pub use url::{Delete, Download, Integrity, Multipart, Upload};

// The three parts of the end of `--help`, as macros: `concat!` takes literals only.
macro_rules! exit_codes {
    () => {
        "\
Exit codes:
  0  success (also when the reader of stdout goes away)
  1  configuration error, or a failed write to stdout
  2  usage or input error: a flag, target, value, stdin
     line, or a URL that is not presigned
  3  verify: a URL is not valid: no method matches,
     another access key signed it, it has expired or is
     not valid yet, its signed headers were not given,
     servers refuse it whatever its signature, or the
     answer depends on the server"
    };
}

macro_rules! examples {
    () => {
        "\
Examples:
  # An upload URL that lasts 12 hours:
  curl --upload-file q3.pdf \"$(presign put my-bucket/q3.pdf --expires 12h)\"
  # A download URL (s3://BUCKET/KEY works too):
  curl -o photo.jpg \"$(presign get my-bucket/photo.jpg)\"
  # Many download URLs, one key a line on stdin, one URL a line out:
  presign get - < keys.txt > urls.txt
  # An upload that must have this type and exactly these bytes:
  presign put my-bucket/data.csv --content-type text/csv --content-md5 @data.csv
  # A large upload: a URL for each part of big.iso (create answers the ID):
  presign multipart part my-bucket/big.iso --upload-id ID --file big.iso
  # Browsers save an opaque key under a readable name:
  presign get my-bucket/a1b2c3 --download-as \"Q3 report.pdf\"
  # A stranger's upload: create only, exactly 1 MiB:
  presign put my-bucket/in.jpg --content-length 1048576 --if-none-match '*'
  # A listing of one prefix, one level deep:
  presign list my-bucket/photos/ --delimiter /"
    };
}

// Where credentials come from, highest first, as `config::resolve` looks for them.
macro_rules! credentials {
    () => {
        "\
Credentials, first found: --access-key and --secret-key-file; --profile NAME;
PRESIGN_ACCESS_KEY/PRESIGN_SECRET_KEY; AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY;
profile file ~/.config/presign/config.toml; ~/.aws/credentials, ~/.aws/config."
    };
}

/// The end of `--help`: the exit codes (all of README's "Exit codes"; lines of at most 60
/// columns, so that clap never wraps them), the eight most common recipes, then where
/// credentials come from (three lines of at most 80 columns). The man page's EXIT STATUS
/// and EXAMPLES sections are made from the same text (`commands::generate`).
pub const AFTER_HELP: &str = concat!(exit_codes!(), "\n\n", examples!(), "\n\n", credentials!());

/// `Exit codes:` and one line (or more, indented further) per code.
pub const EXIT_CODES: &str = exit_codes!();

/// `Examples:` and eight recipes, each a `# comment` line and a command line.
pub const EXAMPLES: &str = examples!();

/// What bare `presign` prints (on stderr, exit 2): what it is, the main commands and
/// where the rest is; at most 15 lines of at most 80 columns.
pub const SHORT_USAGE: &str = "\
presign: print presigned S3 URLs, which anyone can use until they expire

Usage: presign <COMMAND> [OPTIONS]
  presign get BUCKET/KEY...          a download URL: curl -o FILE URL
  presign put BUCKET/KEY...          an upload URL: curl --upload-file FILE URL
  presign head|delete BUCKET/KEY...  a metadata read, a deletion
  presign list BUCKET[/PREFIX]       a listing
  presign copy SOURCE DEST           a server-side copy
  presign multipart create|part|complete|abort|part-copy BUCKET/KEY
  presign post BUCKET/KEY            a browser upload form
  presign inspect|verify URL...      read URLs back; check them with your keys
  presign config                     the settings used, and where each came from
  presign endpoints|completions|man  the presets, shell completions, the manual

See 'presign --help', or 'presign COMMAND --help' for one command's options.
";

/// The heading of the connection and signing options ([`Options`]) in every help that
/// lists them, and of their section of the man page.
pub const CONNECTION: &str = "Connection and signing";

/// The commands that sign (or, `verify`, check signatures with your keys): each takes the
/// connection and signing options, before or after its name (`multipart`: before or after
/// the step's name too).
pub const SIGNING: [&str; 10] = [
    "get",
    "head",
    "put",
    "delete",
    "list",
    "copy",
    "multipart",
    "post",
    "verify",
    "config",
];

/// The commands that sign nothing: they neither list nor take the connection and signing
/// options, but for those they define as their own (`inspect --at`, `inspect --endpoint`).
pub const NOT_SIGNING: [&str; 4] = ["inspect", "endpoints", "completions", "man"];

/// What the clap command is made for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Parsing: the commands that sign nothing also get hidden stand-ins for the
    /// connection and signing options, so that one given to them is parsed and then
    /// refused by name (`parse`), not reported as unknown.
    Parse,
    /// Completion scripts and the man page: only the options each command takes.
    Document,
}

/// The whole command line: [`Args`] with the connection and signing options copied to the
/// commands that sign. They are global there, so that a value given before the
/// subcommand and one given after it land in the same place ([`Args::options`]).
pub fn command(purpose: Purpose) -> clap::Command {
    let cmd = Args::command();
    let options: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.get_help_heading() == Some(CONNECTION))
        .cloned()
        .collect();
    cmd.mut_subcommands(|sub| {
        let name = sub.get_name().to_owned();
        if SIGNING.contains(&name.as_str()) {
            options
                .iter()
                .fold(sub, |sub, o| sub.arg(o.clone().global(true)))
        } else if purpose == Purpose::Parse {
            let own: Vec<String> = sub
                .get_arguments()
                .map(|a| a.get_id().to_string())
                .collect();
            options
                .iter()
                .filter(|o| !own.iter().any(|id| id == o.get_id()))
                .fold(sub, |sub, o| sub.arg(stand_in(o)))
        } else {
            sub
        }
    })
}

/// A hidden copy of `option` that takes any value and conflicts with nothing: nothing
/// reads its value, and the refusal is what the user should see.
fn stand_in(option: &clap::Arg) -> clap::Arg {
    let arg = option
        .clone()
        .hide(true)
        .conflicts_with(clap::builder::Resettable::Reset);
    match option.get_action() {
        clap::ArgAction::Set => arg.value_parser(clap::builder::OsStringValueParser::new()),
        _ => arg,
    }
}

/// Parses the process's command line.
pub fn parse() -> Result<Args, clap::Error> {
    parse_from(std::env::args_os())
}

/// Parses `argv` (the program's name first). A connection or signing option given to a
/// command that signs nothing, before or after its name, is a usage error naming it.
pub fn parse_from<I, T>(argv: I) -> Result<Args, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut cmd = command(Purpose::Parse);
    let mut matches = cmd
        .try_get_matches_from_mut(argv)
        .map_err(|e| without_hidden_suggestion(e, &cmd))?;
    refuse_signing_options(&mut cmd, &matches)?;
    Args::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut cmd))
}

/// clap suggests the nearest long option, hidden ones included: `presign endpoints
/// --expire` would get "a similar argument exists: '--expires'", the stand-in of an
/// option endpoints refuses. Such a suggestion is dropped; the rest of the error stays.
fn without_hidden_suggestion(error: clap::Error, cmd: &clap::Command) -> clap::Error {
    use clap::error::{ContextKind, ContextValue};
    let Some(ContextValue::String(suggested)) = error.get(ContextKind::SuggestedArg) else {
        return error;
    };
    // `Usage: presign endpoints [OPTIONS]`: the command the error is about.
    let usage = error
        .get(ContextKind::Usage)
        .map(ToString::to_string)
        .unwrap_or_default();
    let mut words = usage.split_whitespace().skip_while(|w| *w != "presign");
    let Some(sub) = words.nth(1).and_then(|name| cmd.find_subcommand(name)) else {
        return error;
    };
    let hidden = sub.get_arguments().any(|a| {
        a.is_hide_set()
            && a.get_long()
                .is_some_and(|l| suggested.strip_prefix("--") == Some(l))
    });
    if !hidden {
        return error;
    }
    let mut plain = clap::Error::new(error.kind()).with_cmd(cmd);
    for (kind, value) in error.context() {
        if kind != ContextKind::SuggestedArg {
            plain.insert(kind, value.clone());
        }
    }
    plain
}

/// `presign inspect --expires 9h URL` (or `presign --expires 9h inspect URL`): an error
/// naming each connection and signing option the command does not take, and the fix.
fn refuse_signing_options(
    cmd: &mut clap::Command,
    matches: &clap::ArgMatches,
) -> Result<(), clap::Error> {
    let Some((name, sub_matches)) = matches.subcommand() else {
        return Ok(());
    };
    if !NOT_SIGNING.contains(&name) {
        return Ok(());
    }
    // Each option as `--long`, or `-s/--long`.
    let options: Vec<(String, String)> = cmd
        .get_arguments()
        .filter(|a| a.get_help_heading() == Some(CONNECTION))
        .filter_map(|a| {
            let long = a.get_long()?;
            let shown = match a.get_short() {
                Some(short) => format!("-{short}/--{long}"),
                None => format!("--{long}"),
            };
            Some((a.get_id().to_string(), shown))
        })
        .collect();
    let Some(sub) = cmd.find_subcommand_mut(name) else {
        return Ok(());
    };
    // Where it was typed: before the subcommand (0, its index there) or after (1, ...).
    let typed_at = |id: &str| {
        [matches, sub_matches]
            .iter()
            .enumerate()
            .find(|(_, m)| m.value_source(id) == Some(clap::parser::ValueSource::CommandLine))
            .map(|(level, m)| (level, m.index_of(id).unwrap_or(0)))
    };
    let mut given: Vec<((usize, usize), &String)> = options
        .iter()
        .filter(|(id, _)| {
            // The command's own option of that name (inspect's --at) is not refused.
            !sub.get_arguments()
                .any(|a| a.get_id() == id.as_str() && !a.is_hide_set())
        })
        .filter_map(|(id, shown)| Some((typed_at(id)?, shown)))
        .collect();
    given.sort();
    let given: Vec<String> = given.into_iter().map(|(_, shown)| shown.clone()).collect();
    let Some((last, rest)) = given.split_last() else {
        return Ok(());
    };
    let (named, verb, pronoun, they) = match rest {
        [] => (last.clone(), "is not an option", "it", "it is"),
        _ => (
            format!("{} and {last}", rest.join(", ")),
            "are not options",
            "them",
            "they are",
        ),
    };
    let (signing_last, signing) = SIGNING.split_last().unwrap_or((&"", &[]));
    let message = format!(
        "{named} {verb} of 'presign {name}', which signs nothing: leave {pronoun} out ({they} for {} and {signing_last})",
        signing.join(", ")
    );
    Err(sub.error(clap::error::ErrorKind::UnknownArgument, message))
}

/// Print presigned S3 URLs: anyone holding one can read, write or delete that object
/// until it expires, without credentials of their own.
#[derive(Debug, Parser)]
#[command(name = "presign", version, max_term_width = 100)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub options: Options,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Presign downloads: `curl -o FILE URL`.
    Get(Download),
    /// Presign metadata reads (exists? size? metadata?): `curl --head URL`.
    Head(Download),
    /// Presign uploads: `curl --upload-file FILE URL`.
    Put(Upload),
    /// Presign deletions: `curl -X DELETE URL`.
    Delete(Delete),
    /// Presign a listing of a bucket or prefix (ListObjectsV2): `curl URL`.
    List(crate::cli::args::request::List),
    /// Presign a server-side copy (CopyObject): `curl -X PUT -H 'Content-Length: 0' URL`.
    Copy(crate::cli::args::request::Copy),
    /// Presign the steps of a multipart upload (large files, in parts).
    #[command(subcommand)]
    Multipart(Multipart),
    /// A browser upload form (POST policy): bounds the size, type and key of what is
    /// uploaded; as JSON, a curl line or a ready HTML page.
    Post(Post),
    /// Read presigned URLs back: signature, object, access key, region, expiry, signed
    /// headers, parameters. Needs no credentials.
    Inspect(Inspect),
    /// Check presigned URLs with your credentials, offline: which method each is good
    /// for, and whether it is valid now. Exit 3 when one is not.
    Verify(Verify),
    /// Show the settings a URL would be signed with and where each came from (a flag, a
    /// variable, a profile file, a default). Never shows the secret key or the token.
    Config(ConfigArgs),
    /// List the endpoint presets (aws, r2:ACCOUNT_ID, b2:REGION, gcs, ...): what each
    /// resolves to, its region, addressing and limits. Needs no credentials.
    Endpoints(Endpoints),
    /// Print a shell completion script: `presign completions bash > FILE`.
    Completions(Completions),
    /// Print the manual page (roff): `presign man | man -l -`.
    Man,
}

#[derive(Debug, ClapArgs)]
pub struct Completions {
    /// The shell the script is for.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, ClapArgs)]
pub struct ConfigArgs {
    /// text (one setting a line: name, value, source) or json (one object).
    #[arg(short, long, value_enum, default_value_t = EndpointsFormat::Text, value_name = "FORMAT")]
    pub output: EndpointsFormat,
}

#[derive(Debug, ClapArgs)]
pub struct Endpoints {
    /// text (one preset a line) or json (one object a line).
    #[arg(short, long, value_enum, default_value_t = EndpointsFormat::Text, value_name = "FORMAT")]
    pub output: EndpointsFormat,
}

/// `endpoints -o`: its lines are presets, not URLs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum EndpointsFormat {
    /// One preset a line: its name, endpoint, region, addressing and limits.
    #[default]
    Text,
    /// One JSON object per preset, one per line.
    Json,
}

/// `inspect -o`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum InspectFormat {
    /// One `field: value` per line, a blank line between URLs.
    #[default]
    Text,
    /// One JSON object per URL, one per line.
    Json,
}

#[derive(Debug, ClapArgs)]
pub struct Inspect {
    /// Presigned URLs; a lone '-' reads them from stdin, one per line.
    #[arg(value_name = "URL", required = true)]
    pub urls: Vec<String>,

    /// text or json.
    #[arg(short, long, value_enum, default_value_t = InspectFormat::Text, value_name = "FORMAT")]
    pub output: InspectFormat,

    /// Judge expiry as of this instant (RFC 3339, e.g. 2026-01-01T00:00:00Z) instead of
    /// now.
    // Global, like the top level's `--at` of the same name: `presign --at T inspect URL`
    // lands here too.
    #[arg(long, global = true, value_name = "TIME")]
    pub at: Option<String>,

    /// The endpoint the URLs were made for, URL or preset: needed only to find the bucket
    /// in a virtual-host URL whose host presign does not know.
    #[arg(
        long,
        global = true,
        value_name = "URL|NAME",
        value_parser = ENDPOINT_NAMES,
        hide_possible_values = true
    )]
    pub endpoint: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct Verify {
    /// Presigned URLs; a lone '-' reads them from stdin, one per line.
    #[arg(value_name = "URL", required = true)]
    pub urls: Vec<String>,

    /// The value of a header the URL signs, as the client will send it (repeatable).
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    pub headers: Vec<String>,

    /// Print each method's canonical request and string to sign, to compare with those
    /// in a server's SignatureDoesNotMatch answer.
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, ClapArgs)]
pub struct Post {
    /// BUCKET/KEY or s3://BUCKET/KEY. A key ending in ${filename} allows any key with that
    /// prefix: the uploaded file's name fills it in.
    #[arg(value_name = "TARGET")]
    pub target: String,

    /// What to print: json ({"url", "fields"} like botocore), curl (one command line) or
    /// html (a self-contained upload page).
    #[arg(short, long, value_name = "FORMAT", value_enum, default_value_t = PostOutput::Json)]
    pub output: PostOutput,

    /// The file the curl line uploads [default: the key's last segment].
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// The largest file allowed: bytes, or with KB, MB, GB (10^3) or KiB, MiB, GiB (2^10).
    #[arg(long, value_name = "SIZE", help_heading = "Conditions")]
    pub max_size: Option<String>,

    /// The smallest file allowed (same units as --max-size).
    #[arg(long, value_name = "SIZE", help_heading = "Conditions")]
    pub min_size: Option<String>,

    /// The exact Content-Type the upload must declare.
    #[arg(
        long,
        value_name = "TYPE",
        conflicts_with = "content_type_prefix",
        help_heading = "Conditions"
    )]
    pub content_type: Option<String>,

    /// The upload's Content-Type must start with PREFIX, e.g. image/ (empty: any type).
    #[arg(long, value_name = "PREFIX", help_heading = "Conditions")]
    pub content_type_prefix: Option<String>,

    /// Canned ACL of the new object: private, public-read, ...
    #[arg(long, value_name = "CANNED", help_heading = "Form fields")]
    pub acl: Option<String>,

    /// User metadata, x-amz-meta-KEY (repeatable; ASCII values).
    #[arg(long, value_name = "KEY=VALUE", help_heading = "Form fields")]
    pub meta: Vec<String>,

    /// The status a successful upload gets: 200, 201 (an XML answer) or 204 (S3's default).
    #[arg(
        long,
        value_name = "STATUS",
        value_parser = ["200", "201", "204"],
        help_heading = "Form fields"
    )]
    pub success_status: Option<String>,

    /// Send the browser to URL (http or https) after a successful upload.
    #[arg(long, value_name = "URL", help_heading = "Form fields")]
    pub redirect: Option<String>,

    /// Any other form field with a fixed value, e.g. Cache-Control=max-age=60
    /// (repeatable; presign adds the condition that allows it).
    #[arg(long, value_name = "NAME=VALUE", help_heading = "Form fields")]
    pub field: Vec<String>,
}

/// The forms `presign post` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PostOutput {
    Json,
    Curl,
    Html,
}

/// The connection and signing options: where to, with which keys, for how long. The
/// commands that sign take them ([`command`] copies them there); the top level takes them
/// too, for `presign --endpoint aws put b/k`. `Debug` is written by hand: it must not
/// show the secret key or the session token.
#[derive(ClapArgs)]
#[command(next_help_heading = CONNECTION)]
pub struct Options {
    /// S3 endpoint URL (https://host[:port]) or preset: aws, r2:ACCOUNT_ID, b2:REGION,
    /// gcs, wasabi:REGION, spaces:REGION, or Storj's global, us1, eu1, ap1 (presign
    /// endpoints lists them) [default: aws for keys from AWS sources, else global].
    #[arg(
        long,
        value_name = "URL|NAME",
        value_parser = ENDPOINT_NAMES,
        hide_possible_values = true
    )]
    pub endpoint: Option<String>,

    /// AWS: the dualstack (IPv6) endpoint, s3.dualstack.REGION.amazonaws.com.
    #[arg(long)]
    pub dualstack: bool,

    /// AWS: the FIPS endpoint, s3-fips.REGION.amazonaws.com.
    #[arg(long)]
    pub fips: bool,

    /// AWS: S3 Transfer Acceleration, BUCKET.s3-accelerate.amazonaws.com (buckets whose
    /// name can be a host name, without '.').
    #[arg(long)]
    pub accelerate: bool,

    /// Signing region [default: the preset's, else the AWS endpoint's region, else
    /// us-east-1].
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// Access key id.
    #[arg(long, value_name = "ID")]
    pub access_key: Option<String>,

    /// Secret key. Visible to other users in the process list: prefer --secret-key-file,
    /// the environment or a profile.
    #[arg(long, value_name = "SECRET", conflicts_with = "secret_key_file")]
    pub secret_key: Option<String>,

    /// Read the secret key from the first line of FILE ('-' for stdin).
    #[arg(long, value_name = "FILE")]
    pub secret_key_file: Option<PathBuf>,

    /// Session token, for temporary credentials.
    #[arg(long, value_name = "TOKEN")]
    pub session_token: Option<String>,

    /// How long the URL stays valid: seconds (3600) or 90s, 15m, 12h, 7d [default: 1h].
    /// SigV4 allows at most 7d.
    #[arg(short, long, value_name = "DURATION")]
    pub expires: Option<String>,

    /// Signature version: v4 or v2 [default: v4].
    #[arg(
        long,
        value_name = "VERSION",
        value_parser = SIGNATURE_NAMES,
        hide_possible_values = true
    )]
    pub signature: Option<String>,

    /// Address the bucket as a host name: https://BUCKET.HOST/KEY [default on AWS and
    /// Spaces for buckets whose name allows it].
    #[arg(long, conflicts_with = "path_style")]
    pub virtual_host: bool,

    /// Address the bucket in the path: https://HOST/BUCKET/KEY (the default, except on AWS
    /// and Spaces; overrides a profile's virtual_host = true).
    #[arg(long)]
    pub path_style: bool,

    /// Sign as of this instant (RFC 3339, e.g. 2026-01-01T00:00:00Z) instead of now.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,

    /// Profile from the profile file or the AWS shared files.
    #[arg(short, long, value_name = "NAME")]
    pub profile: Option<String>,

    /// Profile file [default: $PRESIGN_CONFIG, else $XDG_CONFIG_HOME/presign/config.toml, else
    /// ~/.config/presign/config.toml].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print the settings used and where each came from on stderr, as presign config
    /// prints them.
    #[arg(short, long)]
    pub verbose: bool,
}

/// `--signature` and `--endpoint` stay strings, checked in `config` like the same setting
/// from a file (so the error says where the value came from), but name their values to the
/// completion scripts, which read them from the value parser: `v4`, `v2`; the presets.
#[derive(Clone)]
struct Names(&'static [&'static str]);

const SIGNATURE_NAMES: Names = Names(&["v4", "v2"]);
const ENDPOINT_NAMES: Names = Names(&presign::endpoint::PRESET_NAMES);

impl TypedValueParser for Names {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|n| PossibleValue::new(*n))))
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redacted = |v: &Option<String>| v.as_ref().map(|_| "(redacted)");
        f.debug_struct("Options")
            .field("endpoint", &self.endpoint)
            .field("dualstack", &self.dualstack)
            .field("fips", &self.fips)
            .field("accelerate", &self.accelerate)
            .field("region", &self.region)
            .field("access_key", &self.access_key)
            .field("secret_key", &redacted(&self.secret_key))
            .field("secret_key_file", &self.secret_key_file)
            .field("session_token", &redacted(&self.session_token))
            .field("expires", &self.expires)
            .field("signature", &self.signature)
            .field("virtual_host", &self.virtual_host)
            .field("path_style", &self.path_style)
            .field("at", &self.at)
            .field("profile", &self.profile)
            .field("config", &self.config)
            .field("verbose", &self.verbose)
            .finish()
    }
}

/// `-o, --output`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One URL per line.
    #[default]
    Url,
    /// One JSON object per line (JSON Lines): method, url, headers, bucket, key,
    /// expires_at (and part_number).
    Json,
    /// One curl command per line, quoted for POSIX sh, bash and zsh.
    Curl,
}

/// How the URLs are printed.
#[derive(Debug, ClapArgs)]
pub struct OutputArgs {
    /// url: one URL per line; json: one JSON object per line (method, url, headers,
    /// bucket, key, expires_at); curl: one curl command per line, quoted for sh.
    #[arg(short, long, value_enum, default_value_t = Format::Url, value_name = "FORMAT")]
    pub output: Format,

    /// With -o curl: the local file to upload or download to; two downloads never share
    /// one [default: the key's last segment; parts get .partN].
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
}

/// Headers that describe the object being created; each is signed, so the uploader must
/// send it exactly.
#[derive(Debug, ClapArgs)]
#[command(next_help_heading = "Object headers")]
pub struct ObjectHeaders {
    /// The Content-Type the upload must send.
    #[arg(long, value_name = "TYPE")]
    pub content_type: Option<String>,

    /// User metadata, x-amz-meta-KEY: VALUE (repeatable; ASCII values).
    #[arg(long, value_name = "KEY=VALUE")]
    pub meta: Vec<String>,

    /// Canned ACL: private, public-read, public-read-write, authenticated-read,
    /// aws-exec-read, bucket-owner-read, bucket-owner-full-control.
    #[arg(long, value_name = "CANNED")]
    pub acl: Option<String>,

    /// Cache-Control stored with the object (SigV4 only).
    #[arg(long, value_name = "VALUE")]
    pub cache_control: Option<String>,

    /// Content-Disposition stored with the object (SigV4 only).
    #[arg(long, value_name = "VALUE")]
    pub content_disposition: Option<String>,

    /// Content-Encoding stored with the object (SigV4 only).
    #[arg(long, value_name = "VALUE")]
    pub content_encoding: Option<String>,

    /// Content-Language stored with the object (SigV4 only).
    #[arg(long, value_name = "VALUE")]
    pub content_language: Option<String>,

    /// Storage class, e.g. STANDARD, STANDARD_IA, GLACIER.
    #[arg(long, value_name = "CLASS")]
    pub storage_class: Option<String>,

    /// Object tags, URL-query style: k=v&k2=v2.
    #[arg(long, value_name = "TAGS")]
    pub tagging: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_secret_and_the_token() {
        let args = parse_from([
            "presign",
            "get",
            "b-1/k",
            "--secret-key",
            "SECRET-CANARY-1",
            "--session-token",
            "TOKEN-CANARY-2",
        ])
        .unwrap();
        let debug = format!("{args:?} {args:#?}");
        assert!(!debug.contains("SECRET-CANARY-1"), "{debug}");
        assert!(!debug.contains("TOKEN-CANARY-2"), "{debug}");
        assert!(debug.contains("(redacted)"), "{debug}");
    }

    /// clap's own checks of the definition, on both commands.
    #[test]
    fn both_commands_pass_claps_checks() {
        command(Purpose::Parse).debug_assert();
        command(Purpose::Document).debug_assert();
    }

    /// Every subcommand is either one that signs or one that does not; a new one must be
    /// put in one of the lists.
    #[test]
    fn every_command_signs_or_not() {
        let cmd = Args::command();
        let mut names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
        names.sort_unstable();
        let mut listed: Vec<&str> = SIGNING.iter().chain(&NOT_SIGNING).copied().collect();
        listed.sort_unstable();
        assert_eq!(names, listed);
    }

    fn options(argv: &[&str]) -> Options {
        let mut full = vec!["presign"];
        full.extend(argv);
        parse_from(full).unwrap().options
    }

    /// A connection option works before the subcommand, after it and, for multipart,
    /// between its two names; given twice, the later wins, as it did when they were
    /// global.
    #[test]
    fn connection_options_work_before_or_after_the_command() {
        for argv in [
            &["--endpoint", "aws", "put", "b/k"][..],
            &["put", "b/k", "--endpoint", "aws"],
            &["put", "--endpoint", "aws", "b/k"],
            &[
                "--endpoint",
                "aws",
                "multipart",
                "part",
                "b/k",
                "--upload-id",
                "U",
                "--parts",
                "2",
            ],
            &[
                "multipart",
                "--endpoint",
                "aws",
                "part",
                "b/k",
                "--upload-id",
                "U",
                "--parts",
                "2",
            ],
            &[
                "multipart",
                "part",
                "b/k",
                "--upload-id",
                "U",
                "--parts",
                "2",
                "--endpoint",
                "aws",
            ],
            &[
                "--endpoint",
                "gcs",
                "verify",
                "https://h.example/b/k",
                "--endpoint",
                "aws",
            ],
        ] {
            let o = options(argv);
            assert_eq!(o.endpoint.as_deref(), Some("aws"), "{argv:?}");
        }
        let o = options(&["-e", "2h", "--dualstack", "get", "b/k", "-p", "work"]);
        assert_eq!(o.expires.as_deref(), Some("2h"));
        assert!(o.dualstack && !o.fips);
        assert_eq!(o.profile.as_deref(), Some("work"));
    }

    /// inspect's own --at and --endpoint, before or after its name.
    #[test]
    fn inspect_takes_its_own_at_and_endpoint_before_or_after() {
        for argv in [
            &["presign", "--at", "2026-01-01T00:00:00Z", "inspect", "U"][..],
            &["presign", "inspect", "U", "--at", "2026-01-01T00:00:00Z"],
        ] {
            let Command::Inspect(inspect) = parse_from(argv).unwrap().command else {
                panic!("{argv:?}");
            };
            assert_eq!(
                inspect.at.as_deref(),
                Some("2026-01-01T00:00:00Z"),
                "{argv:?}"
            );
        }
        let Command::Inspect(inspect) =
            parse_from(["presign", "--endpoint", "aws", "inspect", "U"])
                .unwrap()
                .command
        else {
            panic!();
        };
        assert_eq!(inspect.endpoint.as_deref(), Some("aws"));
    }

    /// Every connection option, given to a command that signs nothing before or after its
    /// name, is a usage error that names it; a value that looks like a secret is not shown.
    #[test]
    fn commands_that_sign_nothing_refuse_each_connection_option() {
        let cmd = command(Purpose::Document);
        let connection: Vec<&clap::Arg> = cmd
            .get_arguments()
            .filter(|a| a.get_help_heading() == Some(CONNECTION))
            .collect();
        assert_eq!(connection.len(), 17);
        for name in NOT_SIGNING {
            let rest: &[&str] = match name {
                "inspect" => &["https://h.example/b/k"],
                "completions" => &["bash"],
                _ => &[],
            };
            for option in &connection {
                let long = format!("--{}", option.get_long().unwrap());
                if name == "inspect" && ["--at", "--endpoint"].contains(&long.as_str()) {
                    continue;
                }
                let takes_value = matches!(option.get_action(), clap::ArgAction::Set);
                let typed: Vec<&str> = if takes_value {
                    vec![&long, "SECRET-CANARY"]
                } else {
                    vec![&long]
                };
                for before in [true, false] {
                    let mut argv = vec!["presign"];
                    if before {
                        argv.extend(&typed);
                    }
                    argv.push(name);
                    argv.extend(rest);
                    if !before {
                        argv.extend(&typed);
                    }
                    let error = parse_from(&argv).unwrap_err();
                    assert_eq!(error.kind(), clap::error::ErrorKind::UnknownArgument);
                    let text = error.render().to_string();
                    assert!(
                        text.contains(&format!("{long} is not an option of 'presign {name}', which signs nothing: leave it out")),
                        "{argv:?}: {text}"
                    );
                    assert!(!text.contains("CANARY"), "{argv:?}: {text}");
                }
            }
        }
    }

    /// A typo next to a refused option gets no suggestion of it; one next to an option
    /// the command takes still does.
    #[test]
    fn no_suggestion_of_a_refused_option() {
        let text = |argv: &[&str]| parse_from(argv).unwrap_err().render().to_string();
        let typo = text(&["presign", "endpoints", "--expire", "1h"]);
        assert!(typo.contains("unexpected argument '--expire'"), "{typo}");
        assert!(!typo.contains("--expires"), "{typo}");
        assert!(typo.contains("Usage: presign endpoints"), "{typo}");
        let typo = text(&["presign", "inspect", "U", "--endpoin", "aws"]);
        assert!(typo.contains("'--endpoint'"), "{typo}");
        let typo = text(&["presign", "get", "b/k", "--expire", "1h"]);
        assert!(typo.contains("'--expires'"), "{typo}");
    }

    /// Bare `presign`'s usage: short, and naming every command.
    #[test]
    fn the_short_usage_is_short_and_names_every_command() {
        assert!(SHORT_USAGE.lines().count() <= 15, "{SHORT_USAGE}");
        assert!(
            SHORT_USAGE.lines().all(|l| l.chars().count() <= 80),
            "{SHORT_USAGE}"
        );
        for name in SIGNING.iter().chain(&NOT_SIGNING) {
            assert!(
                SHORT_USAGE.split([' ', '|']).any(|w| w == *name),
                "{name} not in:\n{SHORT_USAGE}"
            );
        }
        assert!(SHORT_USAGE.contains("'presign --help'"));
    }
}
