//! From a subcommand and its flags to what every URL of the run signs: the method, the
//! operation's query parameters and the signed headers.
//!
//! Flag values are checked here, before any configuration is read, so a typo is an exit-2
//! error naming the flag. Headers are added in one documented order (the SigV2 query
//! carries them in that order, and the golden cases pass them to botocore in it):
//! content-type, content-md5, x-amz-checksum-crc32, -crc32c, -sha1, -sha256,
//! x-amz-meta-* (as given), x-amz-acl, cache-control, content-disposition,
//! content-encoding, content-language, x-amz-storage-class, x-amz-tagging, range.

pub mod complete_body;
pub mod digest;
pub mod flags;
pub mod run;
pub mod split;
pub mod values;

pub use run::run;

use crate::cli::args::url::{MultipartComplete, MultipartPart};
use crate::cli::args::{Command, Download, Integrity, Multipart, ObjectHeaders, OutputArgs};
use crate::cli::commands::url::flags::{Keys, Options};
use crate::cli::commands::url::values::{check_range, check_tagging, http_date, parse_parts};
use crate::cli::failure::Failure;
use crate::cli::kind::Kind;
use crate::cli::parts::FileParts;
use anyhow::anyhow;
use presign::quote::{Quoted, ShownPath};
use presign::request::Checksum;
use presign::{Param, PartNumber, SignedHeaders};
use std::borrow::Cow;
use std::path::PathBuf;

/// A header value as typed: the value itself, or `@FILE` for a digest or a size to
/// compute.
pub(crate) enum Value {
    Text(String),
    Digest(Checksum, PathBuf),
    FileSize(PathBuf),
}

/// Everything a run signs, before the digests of `@FILE` values are computed.
pub struct Plan<'a> {
    pub kind: Kind,
    pub targets: &'a [String],
    pub output: &'a OutputArgs,
    /// Optional query parameters, in URL order (the operation's own come from its
    /// constructor).
    pub params: Vec<(Param, String)>,
    pub upload_id: Option<&'a str>,
    /// For `multipart part`: the first and last part number.
    pub parts: Option<(PartNumber, PartNumber)>,
    /// For `multipart complete` with its parts: the XML body, and whether to print it
    /// (`--body`) instead of the URL.
    pub body: Option<String>,
    pub body_only: bool,
    /// `--in-url`: move the headers servers also read from the query into the URL.
    pub in_url: bool,
    /// For `list`: the bucket (the prefix is a parameter).
    pub bucket: Option<&'a str>,
    /// For `multipart part --file`: the parts the file makes.
    pub split: Option<FileParts>,
    /// (flag, header name, value), in the documented order.
    headers: Vec<(Cow<'static, str>, String, Value)>,
}

impl<'a> Plan<'a> {
    /// `at` is `--at`, the signing time a retain-until date must come after.
    pub fn new(command: &'a Command, at: Option<&str>) -> Result<Self, Failure> {
        let (kind, targets, output) = match command {
            Command::Get(d) => (Kind::Get, &d.targets.targets[..], &d.output),
            Command::Head(d) => (Kind::Head, &d.targets.targets[..], &d.output),
            Command::Put(u) => (Kind::Put, &u.targets.targets[..], &u.output),
            Command::Delete(d) => (Kind::Delete, &d.targets.targets[..], &d.output),
            Command::Multipart(Multipart::Create(c)) => {
                (Kind::Create, std::slice::from_ref(&c.target), &c.output)
            }
            Command::Multipart(Multipart::Part(p)) => {
                (Kind::Part, std::slice::from_ref(&p.target), &p.output)
            }
            Command::Multipart(Multipart::Complete(c)) => (
                Kind::Complete,
                std::slice::from_ref(&c.upload.target),
                &c.upload.output,
            ),
            Command::Multipart(Multipart::Abort(u)) => {
                (Kind::Abort, std::slice::from_ref(&u.target), &u.output)
            }
            Command::Multipart(Multipart::PartCopy(p)) => {
                (Kind::PartCopy, std::slice::from_ref(&p.target), &p.output)
            }
            Command::List(l) => (Kind::List, std::slice::from_ref(&l.target), &l.output),
            Command::Copy(c) => (Kind::Copy, std::slice::from_ref(&c.dest), &c.output),
            // These print no presigned URLs: `main` hands them to their own modules.
            Command::Inspect(_) | Command::Verify(_) | Command::Post(_) => {
                return Err(Failure::usage(anyhow!(
                    "this subcommand presigns no URL; it has a module of its own"
                )));
            }
            // Handled by their own modules before any plan is made.
            Command::Completions(_) | Command::Man | Command::Endpoints(_) | Command::Config(_) => {
                return Err(Failure::usage(anyhow!("this command signs nothing")));
            }
        };
        // `multipart part --file` cuts the file into parts, whatever the format.
        if output.file.is_some()
            && output.output != crate::cli::args::Format::Curl
            && kind != Kind::Part
        {
            return Err(Failure::flag(
                "--file",
                "it names the local file of a curl line: use it with -o curl",
            ));
        }
        if let Some(path) = &output.file
            && path.to_str().is_none()
        {
            // Debug shows the bytes that are not UTF-8 (`"\xFF"`) where the lossy text
            // would show U+FFFD; a secret-shaped name stays hidden.
            let shown = if presign::quote::holds_secret_shape(&path.to_string_lossy()) {
                presign::quote::ShownPath(path).to_string()
            } else {
                format!("{path:?}")
            };
            // A curl line is text: the bytes would come out as U+FFFD, another file.
            return Err(Failure::flag(
                "--file",
                format!(
                    "{shown} is not valid UTF-8, which a curl line cannot carry; rename the file or name it by another path"
                ),
            ));
        }
        let mut plan = Plan {
            kind,
            targets,
            output,
            params: Vec::new(),
            upload_id: None,
            parts: None,
            body: None,
            body_only: false,
            in_url: false,
            bucket: None,
            split: None,
            headers: Vec::new(),
        };
        match command {
            Command::Get(d) | Command::Head(d) => {
                plan.download(d)?;
                let keys = Keys::read(&d.customer_key, None)?;
                let mut o = Options::default();
                keys.fill(&mut o);
                plan.options(o, None, &d.request, at)?;
            }
            Command::Put(u) => {
                plan.object(&u.object, Some(&u.integrity))?;
                let keys = Keys::read(&u.customer_key, None)?;
                let mut o = Options::default();
                u.conditions.fill(&mut o);
                u.encryption.fill(&mut o);
                u.lock.fill(&mut o);
                keys.fill(&mut o);
                let length = u.integrity.content_length.as_deref();
                plan.options(o, length, &u.request, at)?;
            }
            Command::Delete(d) => {
                plan.version(d.version_id.as_deref())?;
                plan.options(Options::default(), None, &d.request, at)?;
            }
            Command::Multipart(Multipart::Create(c)) => {
                plan.object(&c.object, None)?;
                let keys = Keys::read(&c.customer_key, None)?;
                let mut o = Options::default();
                c.encryption.fill(&mut o);
                c.lock.fill(&mut o);
                keys.fill(&mut o);
                plan.options(o, None, &c.request, at)?;
            }
            Command::Multipart(Multipart::Part(p)) => {
                plan.upload_id(&p.upload_id)?;
                let (first, last) = plan.part_range(p)?;
                plan.parts = Some((first, last));
                plan.integrity(&p.integrity)?;
                let keys = Keys::read(&p.customer_key, None)?;
                let mut o = Options::default();
                keys.fill(&mut o);
                let length = p.integrity.content_length.as_deref();
                plan.options(o, length, &p.request, at)?;
                // A digest or a length pins the bytes of one part; an SSE-C key serves all.
                let pinned = plan.headers.iter().find(|(_, name, _)| {
                    name == "content-md5"
                        || name == "content-length"
                        || name.starts_with("x-amz-checksum-")
                });
                if let (true, Some((flag, name, _))) = (first != last, pinned) {
                    let what = if name == "content-length" {
                        "a length pins the size"
                    } else {
                        "a digest pins the bytes"
                    };
                    let count = last.get() - first.get() + 1;
                    let (parts, fix) = match (&p.parts, &p.output.file) {
                        (Some(parts), _) => (
                            format!("--parts {parts} names {count} parts"),
                            "sign each part on its own (--parts N-N)",
                        ),
                        (None, file) => {
                            let file = file.as_deref().expect("without --parts, --file");
                            (
                                format!("--file {} makes {count} parts", ShownPath(file)),
                                "leave it out",
                            )
                        }
                    };
                    return Err(Failure::usage(anyhow!(
                        "{flag}: {what} of one part, but {parts}; {fix}"
                    )));
                }
            }
            Command::Multipart(Multipart::Complete(c)) => {
                plan.upload_id(&c.upload.upload_id)?;
                plan.complete_body(c)?;
                let keys = Keys::read(&c.customer_key, None)?;
                let mut o = Options::default();
                c.conditions.fill(&mut o);
                keys.fill(&mut o);
                plan.options(o, None, &c.upload.request, at)?;
            }
            Command::Multipart(Multipart::Abort(u)) => {
                plan.upload_id(&u.upload_id)?;
                plan.options(Options::default(), None, &u.request, at)?;
            }
            Command::Multipart(Multipart::PartCopy(p)) => {
                plan.upload_id(&p.upload_id)?;
                let n = p
                    .part
                    .parse::<u32>()
                    .ok()
                    .and_then(|n| PartNumber::new(n).ok())
                    .ok_or_else(|| {
                        Failure::flag(
                            "--part",
                            format!("invalid part number {}: use 1 to 10000", Quoted(&p.part)),
                        )
                    })?;
                plan.parts = Some((n, n));
                let keys = Keys::read(&p.customer_key, Some(&p.source_options))?;
                let mut o = Options::default();
                p.source_options.fill(&p.source, &mut o);
                o.source_range = p.source_range.as_deref();
                keys.fill(&mut o);
                plan.options(o, None, &p.request, at)?;
            }
            Command::List(l) => plan.list(l, at)?,
            Command::Copy(c) => {
                plan.object(&c.object, None)?;
                let (metadata, tagging) = (
                    c.metadata_directive.as_deref(),
                    c.tagging_directive.as_deref(),
                );
                // S3 would copy the source's metadata or tags and ignore these silently.
                for (flag, name, _) in &plan.headers {
                    if let Some(reason) = presign::request::copy_ignores(name, metadata, tagging) {
                        return Err(Failure::flag(flag, reason));
                    }
                }
                let keys = Keys::read(&c.customer_key, Some(&c.source_options))?;
                let mut o = Options::default();
                c.conditions.fill(&mut o);
                c.source_options.fill(&c.source, &mut o);
                o.metadata_directive = metadata;
                o.tagging_directive = tagging;
                c.encryption.fill(&mut o);
                c.lock.fill(&mut o);
                keys.fill(&mut o);
                // A DEST that is no target is reported where targets are read.
                if let Ok(dest) = presign::Target::parse(&c.dest) {
                    let names = plan.headers.iter().map(|(_, n, _)| n.as_str());
                    let warning = o
                        .copy_to_itself_warning(&dest, names)
                        .map_err(|e| plan.failure(e))?;
                    if let Some(warning) = warning {
                        eprintln!("presign: warning: {warning}");
                    }
                }
                plan.options(o, None, &c.request, at)?;
            }
            Command::Inspect(_)
            | Command::Verify(_)
            | Command::Post(_)
            | Command::Completions(_)
            | Command::Endpoints(_)
            | Command::Config(_)
            | Command::Man => {}
        }
        Ok(plan)
    }

    /// `multipart part`'s first and last part: `--parts`, or the parts `--file` makes.
    fn part_range(&mut self, p: &MultipartPart) -> Result<(PartNumber, PartNumber), Failure> {
        match (&p.parts, &p.output.file) {
            (Some(parts), None) => {
                if p.part_size.is_some() {
                    return Err(Failure::flag(
                        "--part-size",
                        "it sizes the parts --file FILE is cut into, and there is no --file: add --file FILE, or leave --part-size out",
                    ));
                }
                parse_parts(parts)
            }
            (Some(parts), Some(_)) => Err(Failure::flag(
                "--parts",
                format!(
                    "give --parts or --file, not both: --file makes the parts from the file's size (leave --parts out), --parts {} signs parts by number (leave --file out)",
                    Quoted(parts)
                ),
            )),
            (None, Some(path)) => {
                let split = split::of_file(path, p.part_size.as_deref())?;
                let last = PartNumber::new(split.count()).expect("at most 10,000 parts");
                self.split = Some(split);
                Ok((PartNumber::new(1).expect("1 is a part number"), last))
            }
            // clap requires one of them.
            (None, None) => Err(Failure::flag(
                "--parts",
                "give the parts (N or A-B), or --file FILE to have them made",
            )),
        }
    }

    /// `--etag`/`--parts-file`: the body the -o json and -o curl lines carry, or that
    /// `--body` prints. The bare URL cannot carry it, so parts with `-o url` are refused.
    fn complete_body(&mut self, c: &MultipartComplete) -> Result<(), Failure> {
        let given = !c.etag.is_empty() || c.parts_file.is_some();
        let flag = if c.parts_file.is_some() {
            "--parts-file"
        } else {
            "--etag"
        };
        if !given {
            if c.body {
                return Err(Failure::flag(
                    "--body",
                    "the body lists the parts: give them with --etag N=ETAG or --parts-file FILE",
                ));
            }
            return Ok(());
        }
        let format = self.output.output;
        if !c.body && format == crate::cli::args::Format::Url {
            return Err(Failure::flag(
                flag,
                "a bare URL does not carry the parts: add --body to print the XML body, or use -o json or -o curl",
            ));
        }
        if self.output.file.is_some() {
            return Err(Failure::flag(
                "--file",
                format!("the curl line carries the body made from {flag}: leave --file out"),
            ));
        }
        self.body = Some(crate::cli::commands::url::complete_body::from_flags(
            &c.etag,
            c.parts_file.as_deref(),
        )?);
        self.body_only = c.body;
        Ok(())
    }

    fn upload_id(&mut self, id: &'a str) -> Result<(), Failure> {
        let mut check = presign::Params::new();
        check
            .push(Param::UploadId, id)
            .map_err(|e| Failure::flag("--upload-id", e))?;
        self.upload_id = Some(id);
        Ok(())
    }

    fn version(&mut self, id: Option<&str>) -> Result<(), Failure> {
        if let Some(id) = id {
            if self.targets.len() != 1 || self.targets[0] == "-" {
                return Err(Failure::flag(
                    "--version-id",
                    "a version id names one object version: give exactly one target",
                ));
            }
            self.param("--version-id", Param::VersionId, id.to_owned())?;
        }
        Ok(())
    }

    pub(crate) fn param(&mut self, flag: &str, param: Param, value: String) -> Result<(), Failure> {
        let mut check = presign::Params::new();
        check
            .push(param, &value)
            .map_err(|e| Failure::flag(flag, e))?;
        self.params.push((param, value));
        Ok(())
    }

    fn download(&mut self, d: &Download) -> Result<(), Failure> {
        self.version(d.version_id.as_deref())?;
        let disposition = match (&d.download_as, &d.response_content_disposition) {
            (Some(name), _) => Some(
                presign::request::attachment(name)
                    .map_err(|e| Failure::flag("--download-as", e))?,
            ),
            (None, v) => v.clone(),
        };
        let flag = if d.download_as.is_some() {
            "--download-as"
        } else {
            "--response-content-disposition"
        };
        let expires = d
            .response_expires
            .as_deref()
            .map(http_date)
            .transpose()
            .map_err(|e| Failure::flag("--response-expires", e))?;
        for (flag, param, value) in [
            (
                "--response-content-type",
                Param::ResponseContentType,
                d.response_content_type.clone(),
            ),
            (flag, Param::ResponseContentDisposition, disposition),
            (
                "--response-cache-control",
                Param::ResponseCacheControl,
                d.response_cache_control.clone(),
            ),
            (
                "--response-content-encoding",
                Param::ResponseContentEncoding,
                d.response_content_encoding.clone(),
            ),
            (
                "--response-content-language",
                Param::ResponseContentLanguage,
                d.response_content_language.clone(),
            ),
            ("--response-expires", Param::ResponseExpires, expires),
        ] {
            if let Some(value) = value {
                self.param(flag, param, value)?;
            }
        }
        if let Some(range) = &d.range {
            check_range(range).map_err(|e| Failure::flag("--range", e))?;
        }
        self.text("--range", "range", d.range.as_deref())
    }

    /// Adds a header whose value is already checked (or computed later).
    pub(crate) fn push_header(
        &mut self,
        flag: impl Into<Cow<'static, str>>,
        name: &str,
        value: Value,
    ) {
        self.headers.push((flag.into(), name.to_owned(), value));
    }

    /// A header whose value is typed as it is.
    pub(crate) fn text(
        &mut self,
        flag: &'static str,
        name: &str,
        value: Option<&str>,
    ) -> Result<(), Failure> {
        let Some(value) = value else { return Ok(()) };
        // Checked alone now, so the error names the flag; the run's set is built later.
        SignedHeaders::new()
            .insert_str(name, value)
            .map_err(|e| Failure::flag(flag, e))?;
        self.push_header(flag, name, Value::Text(value.to_owned()));
        Ok(())
    }

    fn object(&mut self, o: &ObjectHeaders, integrity: Option<&Integrity>) -> Result<(), Failure> {
        self.text("--content-type", "content-type", o.content_type.as_deref())?;
        if let Some(i) = integrity {
            self.integrity(i)?;
        }
        for meta in &o.meta {
            let Some((key, value)) = meta.split_once('=') else {
                return Err(Failure::flag(
                    "--meta",
                    format!("{} has no '='; write it as KEY=VALUE", Quoted(meta)),
                ));
            };
            presign::request::check_meta_key(key).map_err(|e| Failure::flag("--meta", e))?;
            let name = format!("x-amz-meta-{}", key.to_ascii_lowercase());
            if self.headers.iter().any(|(_, n, _)| *n == name) {
                return Err(Failure::flag(
                    "--meta",
                    format!(
                        "key {} is given twice (keys are case-insensitive)",
                        Quoted(key)
                    ),
                ));
            }
            self.text("--meta", &name, Some(value))?;
        }
        if let Some(acl) = &o.acl {
            presign::request::check_canned_acl(acl).map_err(|e| Failure::flag("--acl", e))?;
        }
        self.text("--acl", "x-amz-acl", o.acl.as_deref())?;
        self.text(
            "--cache-control",
            "cache-control",
            o.cache_control.as_deref(),
        )?;
        self.text(
            "--content-disposition",
            "content-disposition",
            o.content_disposition.as_deref(),
        )?;
        self.text(
            "--content-encoding",
            "content-encoding",
            o.content_encoding.as_deref(),
        )?;
        self.text(
            "--content-language",
            "content-language",
            o.content_language.as_deref(),
        )?;
        if let Some(class) = &o.storage_class {
            presign::request::check_storage_class(class)
                .map_err(|e| Failure::flag("--storage-class", e))?;
        }
        self.text(
            "--storage-class",
            "x-amz-storage-class",
            o.storage_class.as_deref(),
        )?;
        if let Some(tags) = &o.tagging {
            check_tagging(tags).map_err(|e| Failure::flag("--tagging", e))?;
        }
        self.text("--tagging", "x-amz-tagging", o.tagging.as_deref())
    }

    fn integrity(&mut self, i: &Integrity) -> Result<(), Failure> {
        for (flag, checksum, value) in [
            ("--content-md5", Checksum::Md5, &i.content_md5),
            ("--checksum-crc32", Checksum::Crc32, &i.checksum_crc32),
            ("--checksum-crc32c", Checksum::Crc32c, &i.checksum_crc32c),
            ("--checksum-sha1", Checksum::Sha1, &i.checksum_sha1),
            ("--checksum-sha256", Checksum::Sha256, &i.checksum_sha256),
        ] {
            let Some(value) = value else { continue };
            let value = match value.strip_prefix('@') {
                Some("") => return Err(Failure::flag(flag, "'@' must be followed by a file name")),
                Some(path) => Value::Digest(checksum, PathBuf::from(path)),
                None => {
                    checksum.check(value).map_err(|e| Failure::flag(flag, e))?;
                    Value::Text(value.clone())
                }
            };
            self.push_header(flag, checksum.header(), value);
        }
        Ok(())
    }

    /// The signed headers, with every `@FILE` digest computed (each file read once).
    pub fn signed_headers(&self) -> Result<SignedHeaders, Failure> {
        let mut files: Vec<(&PathBuf, Vec<Checksum>)> = Vec::new();
        for (_, _, value) in &self.headers {
            if let Value::Digest(c, path) = value {
                match files.iter_mut().find(|(p, _)| *p == path) {
                    Some((_, cs)) => cs.push(*c),
                    None => files.push((path, vec![*c])),
                }
            }
        }
        let mut digests = Vec::new();
        let mut sizes = Vec::new();
        for (flag, _, value) in &self.headers {
            if let Value::FileSize(path) = value {
                let meta = std::fs::metadata(path).map_err(|e| {
                    Failure::config(anyhow!("{flag}: cannot read {}: {e}", ShownPath(path)))
                })?;
                // A directory's or a device's size is not what curl will send.
                if !meta.is_file() && !digest::is_dev_null(path) {
                    return Err(Failure::flag(
                        flag,
                        format!(
                            "{} is not a regular file: give the file the holder will upload, or the length in bytes",
                            ShownPath(path)
                        ),
                    ));
                }
                sizes.push((path, meta.len().to_string()));
            }
        }
        for (path, checksums) in &files {
            let flag = self
                .headers
                .iter()
                .find(|(_, _, v)| matches!(v, Value::Digest(_, p) if p == *path))
                .map_or("", |(f, _, _)| &**f);
            let values = digest::file(flag, path, checksums)?;
            digests.extend(checksums.iter().zip(values).map(|(c, v)| ((*path, *c), v)));
        }
        let mut headers = SignedHeaders::new();
        for (flag, name, value) in &self.headers {
            let value = match value {
                Value::Text(v) => v.as_str(),
                Value::Digest(c, path) => digests
                    .iter()
                    .find(|((p, d), _)| *p == path && d == c)
                    .map(|(_, v)| v.as_str())
                    .expect("every file was digested"),
                Value::FileSize(path) => sizes
                    .iter()
                    .find(|(p, _)| *p == path)
                    .map(|(_, v)| v.as_str())
                    .expect("every file was measured"),
            };
            headers
                .insert_str(name, value)
                .map_err(|e| Failure::flag(flag, e))?;
        }
        if self.in_url {
            headers.move_to_query();
        }
        Ok(headers)
    }

    /// The optional query parameters as the requests carry them. Each was checked when
    /// its flag was read.
    pub fn query_params(&self) -> Result<presign::Params<'_>, Failure> {
        let mut params = presign::Params::new();
        for (param, value) in &self.params {
            params.push(*param, value)?;
        }
        Ok(params)
    }

    /// The flag that set header `name`, for an error about it.
    /// The first signed header a SigV2 URL cannot carry ([`presign::request::sigv2_refusal`]),
    /// with its flag.
    pub fn sigv2_refusal(&self) -> Option<(&str, &'static str)> {
        self.headers
            .iter()
            .find_map(|(flag, name, value)| match value {
                Value::Text(v) => {
                    presign::request::sigv2_refusal(name, v).map(|reason| (&**flag, reason))
                }
                _ => None,
            })
    }

    pub fn flag_for(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(_, n, _)| n == name)
            .map_or("a header flag", |(f, _, _)| f)
    }
}
