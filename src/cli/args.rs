//! The command line, as the user typed it. Values stay strings here: they are checked in
//! `resolve`, where an error can say which source a value came from.
//!
//! House rules: every option is `global`, so it works before or after the subcommand;
//! value names are uppercase; the doc comment is the help text.

use clap::{Args as ClapArgs, Parser, Subcommand};
use std::path::PathBuf;

/// Print presigned S3 URLs: anyone holding one can GET or PUT that object until it
/// expires, without credentials of their own.
#[derive(Debug, Parser)]
#[command(name = "presign", version, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 success, 1 configuration or output error, 2 usage or input error."
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub options: Options,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Presign downloads: `curl -o FILE URL`.
    Get(Targets),
    /// Presign uploads: `curl --upload-file FILE URL`.
    Put(Targets),
}

#[derive(Debug, ClapArgs)]
pub struct Targets {
    /// BUCKET/KEY or s3://BUCKET/KEY; the key is every byte after the first '/'. A lone
    /// '-' reads targets from stdin, one per line. Put '--' before targets starting with '-'.
    #[arg(value_name = "TARGET", required = true)]
    pub targets: Vec<String>,
}

#[derive(Debug, ClapArgs)]
pub struct Options {
    /// S3 endpoint URL (https://host[:port]) or Storj preset: global, us1, eu1, ap1
    /// [default: global].
    #[arg(long, global = true, value_name = "URL|NAME")]
    pub endpoint: Option<String>,

    /// Signing region [default: us-east-1].
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,

    /// Access key id.
    #[arg(long, global = true, value_name = "ID")]
    pub access_key: Option<String>,

    /// Secret key. Visible to other users in the process list: prefer --secret-key-file,
    /// the environment or a profile.
    #[arg(
        long,
        global = true,
        value_name = "SECRET",
        conflicts_with = "secret_key_file"
    )]
    pub secret_key: Option<String>,

    /// Read the secret key from the first line of FILE ('-' for stdin).
    #[arg(long, global = true, value_name = "FILE")]
    pub secret_key_file: Option<PathBuf>,

    /// Session token, for temporary credentials.
    #[arg(long, global = true, value_name = "TOKEN")]
    pub session_token: Option<String>,

    /// How long the URL stays valid: seconds (3600) or 90s, 15m, 12h, 7d [default: 1h].
    /// SigV4 allows at most 7d.
    #[arg(short, long, global = true, value_name = "DURATION")]
    pub expires: Option<String>,

    /// Signature version: v4 or v2 [default: v4].
    #[arg(long, global = true, value_name = "VERSION")]
    pub signature: Option<String>,

    /// Address the bucket as a host name: https://BUCKET.HOST/KEY.
    #[arg(long, global = true, conflicts_with = "path_style")]
    pub virtual_host: bool,

    /// Address the bucket in the path: https://HOST/BUCKET/KEY (the default; overrides a
    /// profile's virtual_host = true).
    #[arg(long, global = true)]
    pub path_style: bool,

    /// Sign as of this instant (RFC 3339, e.g. 2026-01-01T00:00:00Z) instead of now.
    #[arg(long, global = true, value_name = "TIME")]
    pub at: Option<String>,

    /// Profile from the profile file or the AWS shared files.
    #[arg(short, long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Profile file [default: $PRESIGN_CONFIG, else ~/.config/presign/config.toml].
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// PUT only: the Content-Type the upload must send (it is signed).
    #[arg(long, global = true, value_name = "TYPE")]
    pub content_type: Option<String>,
}
