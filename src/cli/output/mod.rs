//! Writes one URL per target to stdout, from the arguments or streamed from stdin.
//!
//! stdout is locked and buffered; one `String` is reused for every URL. A reader that
//! goes away (`presign get - < keys | head -1`) ends the run quietly with success.

pub mod format;
pub mod note;

use crate::cli::args::Format;
use crate::cli::failure::Failure;
use crate::cli::kind::Kind;
use anyhow::anyhow;
use format::Renderer;
use presign::quote::Quoted;
use presign::{Param, Params, PartNumber, Presigner, Request, SignedHeaders, Target};
use std::collections::HashMap;
use std::io::{self, BufReader, IsTerminal, Write};

/// What to sign: targets from the command line (already checked), or stdin.
pub enum Targets<'a> {
    Args(Vec<Target<'a>>),
    Stdin,
}

impl<'a> Targets<'a> {
    /// Checks every command-line target before anything is printed, so a typo in the
    /// third target does not leave two URLs behind.
    pub fn from_args(args: &'a [String]) -> Result<Self, Failure> {
        if args.len() == 1 && args[0] == "-" {
            return Ok(Targets::Stdin);
        }
        if args.iter().any(|a| a == "-") {
            return Err(Failure::usage(anyhow!(
                "'-' (read targets from stdin) must be the only target"
            )));
        }
        let targets = args
            .iter()
            .map(|a| Target::parse(a))
            .collect::<Result<_, _>>()?;
        Ok(Targets::Args(targets))
    }

    /// The one bucket of `list`. A lone `-` means stdin everywhere else, so it is refused
    /// rather than listed as a bucket named `-` (a legacy name no new bucket can have):
    /// `list` signs one listing, whose prefix and options are the run's.
    pub fn listing(bucket: &'a str) -> Result<Self, Failure> {
        if bucket == "-" {
            return Err(Failure::usage(anyhow!(
                "list: '-' (stdin) is no bucket: list signs one listing per run, of the BUCKET[/PREFIX] given; name it, or run one list per line (xargs -n1 presign list)"
            )));
        }
        Ok(Targets::Args(vec![Target::bucket_only(bucket)?]))
    }

    /// Every check that can fail for a command-line target, before the first URL is
    /// written: a batch either prints all its URLs or none.
    pub fn check(&self, presigner: &Presigner) -> Result<(), Failure> {
        if let Targets::Args(targets) = self
            && presigner.is_virtual_host()
        {
            for t in targets {
                presigner.check_virtual_host(t.bucket())?;
            }
        }
        Ok(())
    }
}

/// What is the same for every URL of the run.
pub struct Job<'a> {
    pub presigner: &'a Presigner,
    pub kind: Kind,
    /// The optional query parameters of get, head and delete (checked once, copied into
    /// each URL's request).
    pub params: Params<'a>,
    pub upload_id: Option<&'a str>,
    /// `multipart part`: one URL per part number of the range, for the one target.
    pub parts: Option<(PartNumber, PartNumber)>,
    pub headers: &'a SignedHeaders,
    /// How each URL is written; `None` for the URL alone.
    pub renderer: Option<&'a Renderer>,
}

/// Signs and prints every target (every part, for `multipart part`).
pub fn write_urls(job: &Job<'_>, targets: Targets<'_>) -> Result<(), Failure> {
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let mut buffers = Buffers {
        url: String::with_capacity(1024),
        line: String::with_capacity(2048),
    };
    let mut downloads = Downloads::for_job(job);
    let result = match targets {
        Targets::Args(targets) => {
            // All or nothing: no line is printed when two would share a file.
            if let Some(downloads) = &mut downloads {
                for (i, target) in targets.iter().enumerate() {
                    downloads
                        .take(target.key(), i + 1)
                        .map_err(|(first, name, file)| {
                            clash(
                                "targets",
                                first,
                                i + 1,
                                name,
                                file,
                                Some((&targets[first - 1], target)),
                            )
                        })?;
                }
            }
            targets
                .into_iter()
                .try_for_each(|target| job.emit(target, &mut buffers, &mut out))
        }
        Targets::Stdin => from_stdin(job, &mut buffers, &mut out, downloads.as_mut()),
    };
    // URLs printed before an error are valid: flush them before reporting it.
    let flushed = out.flush().map_err(Step::Write);
    match result.and(flushed) {
        Ok(()) => Ok(()),
        Err(Step::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(Step::Write(e)) => Err(Failure::config(anyhow!("cannot write to stdout: {e}"))),
        Err(Step::Fail(f)) => Err(f),
    }
}

/// Writes `text` to stdout: a reader that goes away early is not an error.
pub fn write_text(text: &str) -> Result<(), Failure> {
    write_bytes(text.as_bytes())
}

/// The width text on stdout should fit: the terminal's when stdout is one, else `COLUMNS`
/// when it is set (as clap reads them for `--help`); `None` when neither says.
pub fn width() -> Option<usize> {
    if let Some((terminal_size::Width(columns), _)) = terminal_size::terminal_size_of(io::stdout())
    {
        return Some(usize::from(columns));
    }
    std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|&c| c > 0)
}

/// [`write_text`] for bytes that need not be UTF-8 (a man page, a completion script).
pub fn write_bytes(text: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::config(anyhow!("cannot write to stdout: {e}")))
        }
        _ => Ok(()),
    }
}

/// `get -o curl`: the file each line downloads to, so that no two share one (the second
/// would overwrite the first without a word). A hash of each name, and the number of the
/// target (or stdin line) that took it: some 20 to 40 bytes a line (a hash map entry), in
/// a run whose lines already allocate.
struct Downloads<'r> {
    renderer: &'r Renderer,
    taken: HashMap<u64, usize>,
}

impl<'r> Downloads<'r> {
    fn for_job(job: &Job<'r>) -> Option<Self> {
        let renderer = job.renderer?;
        (job.kind == Kind::Get && renderer.format() == Format::Curl).then(|| Downloads {
            renderer,
            taken: HashMap::new(),
        })
    }

    /// Takes the file of `key`'s download for target `number`; else the number of the
    /// target that took it, the file's name, and where the name comes from.
    fn take<'k>(
        &mut self,
        key: &'k str,
        number: usize,
    ) -> Result<(), (usize, &'k str, &'static str)>
    where
        'r: 'k,
    {
        use std::hash::{Hash, Hasher};
        let (name, is_file) = self.renderer.download_name(key);
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        // Compared without case: the lines may run on macOS or Windows, whose file systems
        // are case-insensitive by default, where `x` and `X` are one file.
        for c in name.chars().flat_map(char::to_lowercase) {
            c.hash(&mut hasher);
        }
        match self.taken.entry(hasher.finish()) {
            std::collections::hash_map::Entry::Occupied(first) => {
                Err((*first.get(), name, is_file))
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(number);
                Ok(())
            }
        }
    }
}

/// The refusal of two downloads to one file: `what` are `targets` or `stdin lines`.
fn clash(
    what: &str,
    first: usize,
    second: usize,
    name: &str,
    whose: &str,
    targets: Option<(&Target<'_>, &Target<'_>)>,
) -> Failure {
    let which = match targets {
        Some((a, b)) => format!(
            "{what} {first} and {second} ({} and {})",
            Quoted(&format!("{}/{}", a.bucket(), a.key())),
            Quoted(&format!("{}/{}", b.bucket(), b.key()))
        ),
        None => format!("{what} {first} and {second}"),
    };
    let fix = if whose == "--file " {
        "give one target per --file, or drop --file to name each file after its key"
    } else {
        "sign them in separate runs, each with its own --file"
    };
    Failure::usage(anyhow!(
        "-o curl: {which} would both download to {whose}{}, the second overwriting the first; {fix}",
        Quoted(name)
    ))
}

/// Reused for every URL: the URL, and the line it is rendered into (JSON, curl).
struct Buffers {
    url: String,
    line: String,
}

/// Why the loop stopped: a write error (maybe a closed pipe), or a bad target.
enum Step {
    Write(io::Error),
    Fail(Failure),
}

impl Job<'_> {
    /// Signs one target (each of its parts) into the reused `url` buffer and writes each
    /// URL as a line.
    fn emit(
        &self,
        target: Target<'_>,
        buf: &mut Buffers,
        out: &mut impl Write,
    ) -> Result<(), Step> {
        self.presigner
            .check_bucket_can_exist(target.bucket())
            .map_err(|e| Step::Fail(e.into()))?;
        warn_once_about_dot_segments(&target);
        warn_once_about_surrounding_whitespace(&target);
        warn_once_about_legacy_buckets(&target);
        if matches!(self.kind, Kind::Put | Kind::Part)
            && self.renderer.is_none_or(|r| r.format() != Format::Curl)
        {
            warn_once_about_trailing_slashes(&target);
        }
        match self.parts {
            Some((first, last)) => (first.get()..=last.get()).try_for_each(|n| {
                let part = PartNumber::new(u32::from(n)).expect("inside a checked range");
                self.emit_one(target, Some(&part), buf, out)
            }),
            None => self.emit_one(target, None, buf, out),
        }
    }

    fn emit_one(
        &self,
        target: Target<'_>,
        part: Option<&PartNumber>,
        buf: &mut Buffers,
        out: &mut impl Write,
    ) -> Result<(), Step> {
        let fail = |e: presign::Error| Step::Fail(e.into());
        let id = self.upload_id.unwrap_or_default();
        let request = match self.kind {
            Kind::Get => Ok(Request {
                params: self.params,
                ..Request::get(target)
            }),
            Kind::Head => Ok(Request {
                params: self.params,
                ..Request::head(target)
            }),
            Kind::Put => Ok(Request::put(target)),
            Kind::Delete => Ok(Request {
                params: self.params,
                ..Request::delete(target)
            }),
            Kind::Create => Ok(Request::create_multipart_upload(target)),
            // `emit` passes a part number for every URL of a `multipart part` run.
            Kind::Part => Request::upload_part(target, id, part.expect("a part number")),
            Kind::Complete => Request::complete_multipart_upload(target, id),
            Kind::Abort => Request::abort_multipart_upload(target, id),
            Kind::List => {
                let mut request = Request::list_objects_v2(target);
                for (param, value) in self.params.iter().filter(|(p, _)| *p != Param::ListType) {
                    request.params.push(param, value).map_err(fail)?;
                }
                Ok(request)
            }
            Kind::Copy => Ok(Request::copy_object(target)),
            Kind::PartCopy => Request::upload_part_copy(target, id, part.expect("a part number")),
        };
        let request = request.map_err(fail)?.headers(self.headers);
        let url = &mut buf.url;
        url.clear();
        self.presigner.presign_into(&request, url).map_err(fail)?;
        let line = match self.renderer {
            None => {
                url.push('\n');
                url
            }
            Some(renderer) => {
                buf.line.clear();
                renderer.render(&mut buf.line, url, &target, part);
                &buf.line
            }
        };
        out.write_all(line.as_bytes()).map_err(Step::Write)
    }
}

/// Keys with `.`/`..` segments sign fine, but HTTP clients "normalize" them away before
/// sending, so the server sees another path and refuses the signature. Say so, once.
fn warn_once_about_dot_segments(target: &Target<'_>) {
    static WARNED: std::sync::Once = std::sync::Once::new();
    // Once warned, skip the scan: this runs for every URL of a batch.
    if !WARNED.is_completed() && target.has_dot_segments() {
        WARNED.call_once(|| {
            eprintln!(
                "presign: warning: key {} has '.' or '..' segments; clients remove them unless told not to: use curl --path-as-is (browsers cannot keep them)",
                Quoted(target.key())
            );
        });
    }
}

/// A key that starts or ends with whitespace is most often pasted with it by mistake; S3
/// keeps it, so the URL is for another object (a download finds nothing, an upload makes
/// an object with the space in its name). It may be real, so it signs: say so, once.
pub fn warn_once_about_surrounding_whitespace(target: &Target<'_>) {
    static WARNED: std::sync::Once = std::sync::Once::new();
    if !WARNED.is_completed() && target.has_surrounding_whitespace() {
        WARNED.call_once(|| {
            eprintln!(
                "presign: warning: key {} starts or ends with whitespace, which S3 keeps as part of the key; if it came with a copy and paste, drop it",
                Quoted(target.key())
            );
        });
    }
}

/// `curl --upload-file FILE URL` appends FILE's name to a URL whose path ends in `/`, and
/// the server refuses that other path (403). The `-o curl` lines carry the fix; say it
/// for the others, once.
fn warn_once_about_trailing_slashes(target: &Target<'_>) {
    static WARNED: std::sync::Once = std::sync::Once::new();
    if !WARNED.is_completed() && target.key().ends_with('/') {
        WARNED.call_once(|| {
            eprintln!(
                "presign: warning: key {} ends in '/': curl --upload-file adds the file's name to such a URL, which the server refuses; give curl --request-target \"/${{URL#*://*/}}\" (as -o curl does)",
                Quoted(target.key())
            );
        });
    }
}

/// Legacy bucket names (uppercase, `_`, over 63 characters, ...) are signed in path style,
/// as botocore does, but no new bucket can have one: a typo is likelier than an old bucket.
fn warn_once_about_legacy_buckets(target: &Target<'_>) {
    static WARNED: std::sync::Once = std::sync::Once::new();
    if !WARNED.is_completed() && target.is_legacy_bucket() {
        WARNED.call_once(|| {
            eprintln!(
                "presign: warning: bucket {} is a legacy name, not a valid host name; it works in path style only, and only if a bucket of that exact name exists",
                Quoted(target.bucket())
            );
        });
    }
}

fn from_stdin(
    job: &Job<'_>,
    buf: &mut Buffers,
    out: &mut impl Write,
    mut downloads: Option<&mut Downloads<'_>>,
) -> Result<(), Step> {
    use crate::cli::lines::{LineRead, with_line_bounded};
    /// The longest line taken as a target: `s3://`, a 255-byte bucket, a 1024-byte key
    /// and room to spare. Memory stays flat whatever comes in.
    const MAX_LINE: usize = 4096;
    let stdin = io::stdin();
    let interactive = stdin.is_terminal();
    let mut input = BufReader::with_capacity(64 * 1024, stdin.lock());
    let mut line = Vec::with_capacity(MAX_LINE + 1);
    for number in 1.. {
        // Flush before a read that may block, so a slow producer still sees URLs as it
        // goes; while input is buffered, output stays buffered too.
        if interactive || input.buffer().is_empty() {
            out.flush().map_err(Step::Write)?;
        }
        let bad_line = |e: &dyn std::fmt::Display| {
            Step::Fail(Failure::usage(anyhow!("stdin line {number}: {e}")))
        };
        // The line ending (LF, CRLF, a final CR) is stripped; every other byte belongs
        // to the key. A line too long to be a target is refused, quoting its start only.
        let more = with_line_bounded(&mut input, &mut line, MAX_LINE, |read, line| {
            match read {
                LineRead::Eof => return Ok(false),
                LineRead::TooLong => {
                    let start = String::from_utf8_lossy(&line[..line.len().min(40)]);
                    let start = Quoted(&start);
                    return Err(bad_line(&format_args!(
                        "the line is longer than {MAX_LINE} bytes (it starts {start}); a target is BUCKET/KEY with a key of at most 1024 bytes"
                    )));
                }
                LineRead::Line => {}
            }
            // Blank lines are skipped, as xargs does: no target is blank.
            if line.iter().all(u8::is_ascii_whitespace) {
                return Ok(true);
            }
            let text = std::str::from_utf8(line).map_err(|_| bad_line(&"not valid UTF-8"))?;
            let target = Target::parse(text).map_err(|e| bad_line(&e))?;
            if let Some(downloads) = downloads.as_deref_mut() {
                downloads
                    .take(target.key(), number)
                    .map_err(|(first, name, file)| {
                        Step::Fail(clash("stdin lines", first, number, name, file, None))
                    })?;
            }
            // A target that cannot be signed (a bucket that cannot be a host name, say)
            // names its line too.
            job.emit(target, buf, out).map_err(|step| match step {
                Step::Fail(f) => Step::Fail(Failure {
                    code: f.code,
                    error: f.error.context(format!("stdin line {number}")),
                }),
                write => write,
            })?;
            Ok(true)
        })
        .map_err(|e| Step::Fail(Failure::config(anyhow!("cannot read stdin: {e}"))))??;
        if !more {
            return Ok(());
        }
    }
    Ok(())
}
