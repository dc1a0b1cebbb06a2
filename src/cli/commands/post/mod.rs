//! `presign post`: a browser upload form (POST policy) from the flags, printed as JSON,
//! as one curl command line, or as a self-contained HTML page.
//!
//! Flags are checked before any configuration is read, each error naming its flag. The
//! library signs ([`presign::post::presign_post`]); this file only turns flags into a
//! [`PostPolicy`] and the signed form into text.

pub mod page;

use crate::cli::args::{Options, Post, PostOutput};
use crate::cli::failure::Failure;
use crate::cli::output::note::shell_quote;
use anyhow::anyhow;
use presign::Target;
use presign::post::{
    ContentTypeRule, FILENAME_PLACEHOLDER, MAX_POST_SIZE, PostForm, PostPolicy, SuccessStatus,
    presign_post, push_json_string,
};
use presign::quote::Quoted;
use std::io::Write;
use std::path::Path;

pub fn run(post: &Post, options: &Options) -> Result<(), Failure> {
    // Flags first: a typo is reported before any file is read or any key is used.
    let target = Target::parse(&post.target)?;
    let mut policy = policy(post)?;
    if post.output == PostOutput::Html {
        html_can_carry(post, &target)?;
    }
    crate::cli::output::warn_once_about_surrounding_whitespace(&target);
    if target.key() == FILENAME_PLACEHOLDER {
        eprintln!(
            "presign: warning: the key is only ${{filename}}: the form lets whoever holds it write any key in bucket {}, replacing any object; put uploads under a prefix, e.g. {}",
            presign::quote::Quoted(target.bucket()),
            presign::quote::Quoted(&format!("{}/uploads/${{filename}}", target.bucket()))
        );
    }
    if post.output == PostOutput::Html
        && policy.success_status.is_none()
        && policy.redirect.is_none()
    {
        // On S3's default 204 a browser stays on the page and shows nothing; 201 shows the
        // server's answer, so the uploader sees the upload worked.
        policy.success_status = Some(SuccessStatus::Created201);
    }
    let upload = match post.output {
        PostOutput::Curl => Some(curl_file(post, &target)?),
        _ => None,
    };
    let settings = crate::cli::config::resolve(options, false)?;
    // The policy's expiration is an RFC 3339 date: checked here, where the error can
    // name where the expiry came from.
    settings.expiry_end("a POST policy")?;
    settings.check_post()?;
    settings.config.check_bucket_can_exist(target.bucket())?;
    let form = presign_post(&settings.config, settings.time, target, &policy)?;
    if post.output == PostOutput::Html
        && let Some((name, _)) = form.fields.iter().find(|(_, v)| v.contains(['\r', '\n']))
    {
        // What no flag named: the session token, say (a secret: its value is not shown).
        return Err(Failure::usage(anyhow!(
            "-o html: the form field {name:?} has a line break: {HTML_LINE_BREAKS}"
        )));
    }
    let text = match post.output {
        PostOutput::Json => json(&form, &policy),
        PostOutput::Curl => curl(&form, &policy, upload.as_ref().expect("made for curl")),
        PostOutput::Html => crate::cli::commands::post::page::html(&form, &policy, target),
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::config(anyhow!("cannot write to stdout: {e}"))),
    }
}

/// The policy the flags ask for. Each setting is checked on its own first, so that the
/// error names the flag that caused it.
fn policy(post: &Post) -> Result<PostPolicy, Failure> {
    let check = |flag: &str, p: PostPolicy| -> Result<PostPolicy, Failure> {
        p.fields_and_conditions()
            .map_err(|e| Failure::flag(flag, e))?;
        Ok(p)
    };
    let mut policy = PostPolicy::default();

    if let Some(acl) = &post.acl {
        presign::request::check_canned_acl(acl).map_err(|e| Failure::flag("--acl", e))?;
        policy.acl = Some(acl.clone());
    }
    let content_type = match (&post.content_type, &post.content_type_prefix) {
        (Some(t), _) => Some(("--content-type", ContentTypeRule::Exact(t.clone()))),
        (None, Some(p)) => Some((
            "--content-type-prefix",
            ContentTypeRule::StartsWith(p.clone()),
        )),
        (None, None) => None,
    };
    if let Some((flag, rule)) = content_type {
        let only = check(
            flag,
            PostPolicy {
                content_type: Some(rule),
                ..PostPolicy::default()
            },
        )?;
        policy.content_type = only.content_type;
    }

    let size = |flag: &str, v: &Option<String>| {
        v.as_deref()
            .map(parse_size)
            .transpose()
            .map_err(|e| Failure::flag(flag, e))
    };
    let min = size("--min-size", &post.min_size)?;
    let max = size("--max-size", &post.max_size)?;
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        return Err(Failure::flag(
            "--min-size",
            format!(
                "{} is above --max-size {}; make the minimum at most the maximum",
                post.min_size.as_deref().unwrap_or_default(),
                post.max_size.as_deref().unwrap_or_default()
            ),
        ));
    }
    policy.size = match (min, max) {
        (None, None) => None,
        (min, max) => Some((min.unwrap_or(0), max.unwrap_or(MAX_POST_SIZE))),
    };
    if let Some((min, max)) = policy.size
        && min > max
    {
        return Err(Failure::flag(
            "--min-size",
            format!("{min} bytes is above S3's largest upload, {max} bytes"),
        ));
    }

    for meta in &post.meta {
        let (key, value) = split_pair("--meta", meta, "KEY=VALUE")?;
        policy.meta.push((key.to_owned(), value.to_owned()));
        check("--meta", policy.clone())?;
    }
    policy.success_status = post.success_status.as_deref().map(|s| match s {
        "200" => SuccessStatus::Ok200,
        "201" => SuccessStatus::Created201,
        _ => SuccessStatus::NoContent204,
    });
    if let Some(url) = &post.redirect {
        policy.redirect = Some(url.clone());
        check("--redirect", policy.clone())?;
    }
    for field in &post.field {
        let (name, value) = split_pair("--field", field, "NAME=VALUE")?;
        policy.fields.push((name.to_owned(), value.to_owned()));
        check("--field", policy.clone())?;
    }
    Ok(policy)
}

const HTML_LINE_BREAKS: &str = "a browser sends each line break as CRLF, so the policy would refuse the upload; remove it, or use -o curl or -o json";

/// A browser sends every line break of a form value as CRLF (HTML's form encoding), so a
/// key or value with CR or LF reaches the server changed and the policy refuses the upload.
fn html_can_carry(post: &Post, target: &Target<'_>) -> Result<(), Failure> {
    let fix = HTML_LINE_BREAKS;
    let breaks = |v: &str| v.contains(['\r', '\n']);
    if breaks(target.key()) {
        return Err(Failure::usage(anyhow!(
            "-o html: the key {:?} has a line break: {fix}",
            target.key()
        )));
    }
    let single = [
        ("--acl", &post.acl),
        ("--content-type", &post.content_type),
        ("--content-type-prefix", &post.content_type_prefix),
        ("--redirect", &post.redirect),
    ];
    let single = single
        .into_iter()
        .filter_map(|(flag, v)| v.as_deref().map(|v| (flag, v)));
    let repeated = (post.meta.iter().map(|v| ("--meta", v.as_str())))
        .chain(post.field.iter().map(|v| ("--field", v.as_str())));
    match single.chain(repeated).find(|(_, v)| breaks(v)) {
        Some((flag, value)) => Err(Failure::flag(
            flag,
            format!("-o html: {} has a line break: {fix}", Quoted(value)),
        )),
        None => Ok(()),
    }
}

fn split_pair<'a>(flag: &str, text: &'a str, form: &str) -> Result<(&'a str, &'a str), Failure> {
    text.split_once('=').ok_or_else(|| {
        Failure::flag(
            flag,
            format!("{} has no '='; write it as {form}", Quoted(text)),
        )
    })
}

/// A size in bytes: `5000000`, or a whole number with a unit: `KB`, `MB`, `GB` (powers
/// of 1000) or `KiB`, `MiB`, `GiB` (powers of 1024).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let fail = |reason: &str| {
        format!(
            "invalid size {}: {reason}; write bytes (5000000) or a whole number with KB, MB, GB, KiB, MiB or GiB (20MiB)",
            Quoted(text)
        )
    };
    if number.is_empty() {
        return Err(fail("it must start with a whole number"));
    }
    let factor: u64 = match unit {
        "" | "B" => 1,
        "KB" => 1000,
        "MB" => 1000 * 1000,
        "GB" => 1000 * 1000 * 1000,
        "KiB" => 1 << 10,
        "MiB" => 1 << 20,
        "GiB" => 1 << 30,
        _ => return Err(fail(&format!("unknown unit {}", Quoted(unit)))),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| fail("it is too large"))
}

/// A size for people: `20 MiB (20971520 bytes)`.
pub fn human_size(bytes: u64) -> String {
    for (unit, factor) in [
        ("GiB", 1u64 << 30),
        ("MiB", 1 << 20),
        ("KiB", 1 << 10),
        ("GB", 1_000_000_000),
        ("MB", 1_000_000),
        ("KB", 1000),
    ] {
        if bytes >= factor && bytes.is_multiple_of(factor) {
            return format!("{} {unit} ({bytes} bytes)", bytes / factor);
        }
    }
    if bytes == 1 {
        "1 byte".to_owned()
    } else {
        format!("{bytes} bytes")
    }
}

/// What the uploader must fill in: a content type starting with this prefix, when the
/// policy has one (an exact type is among the fields already).
pub fn content_type_prefix(policy: &PostPolicy) -> Option<&str> {
    match &policy.content_type {
        Some(ContentTypeRule::StartsWith(p)) => Some(p),
        _ => None,
    }
}

/// `{"url": ..., "fields": {...}}` as botocore returns it, indented; plus
/// `content_type_prefix` when the uploader must add a `Content-Type` field.
fn json(form: &PostForm, policy: &PostPolicy) -> String {
    let mut out = String::from("{\n  \"url\": ");
    push_json_string(&mut out, &form.url);
    out.push_str(",\n  \"fields\": {");
    for (i, (name, value)) in form.fields.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        push_json_string(&mut out, name);
        out.push_str(": ");
        push_json_string(&mut out, value);
    }
    out.push_str("\n  }");
    if let Some(prefix) = content_type_prefix(policy) {
        out.push_str(",\n  \"content_type_prefix\": ");
        push_json_string(&mut out, prefix);
    }
    out.push_str("\n}\n");
    out
}

/// The file the curl line uploads, and the key to send for a `${filename}` key.
struct Upload {
    /// A shell word for the path (maybe `"${FILE:?...}"`).
    path_word: String,
    /// The key with `${filename}` replaced by the file's name, when presign knows it.
    key: Option<String>,
}

fn curl_file(post: &Post, target: &Target<'_>) -> Result<Upload, Failure> {
    let key = target.key();
    let template = key.strip_suffix(FILENAME_PLACEHOLDER);
    let path = match &post.file {
        Some(path) => Some(
            path.to_str()
                .ok_or_else(|| Failure::flag("--file", "the path is not valid UTF-8"))?
                .to_owned(),
        ),
        None if template.is_some() => None,
        None => Some(key.rsplit('/').next().unwrap_or(key).to_owned()).filter(|s| !s.is_empty()),
    };
    let Some(path) = path else {
        return Ok(Upload {
            path_word: "\"file=@${FILE:?set FILE to the file to upload}\"".to_owned(),
            key: None,
        });
    };
    // Servers that do not fill in ${filename} themselves (s3s) get the name from here.
    let key = match (template, &post.file) {
        (Some(prefix), Some(file)) => {
            let name = Path::new(file)
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or_else(|| Failure::flag("--file", "the path does not end in a file name"))?;
            Some(format!("{prefix}{name}"))
        }
        _ => None,
    };
    // curl reads `-` as stdin.
    let path = if path == "-" { "./-".to_owned() } else { path };
    // curl reads `;type=`, `;filename=` and `,` after the path: quote such paths for curl.
    let curl_path = if path.contains([';', ',', '"', '\\']) {
        format!("\"{}\"", path.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        path
    };
    Ok(Upload {
        path_word: sh_word(&format!("file=@{curl_path}")),
        key,
    })
}

/// `text` as a shell word: as it is when plainly safe, else single-quoted.
fn sh_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_@%+=:,./-".contains(&b));
    if plain {
        text.to_owned()
    } else {
        shell_quote(text)
    }
}

/// One command line for POSIX sh, bash and zsh. Fields go with `--form-string`, which
/// sends the value as it is (with `-F`, a value starting with `@` or `<` would name a
/// file, and `;type=` would be cut); the file goes last, as S3 ignores fields after it.
fn curl(form: &PostForm, policy: &PostPolicy, upload: &Upload) -> String {
    // --globoff: curl would expand `[1-2]` and `{a,b}` in the URL.
    let mut line = String::from("curl --fail --globoff");
    for (name, value) in &form.fields {
        let value = match (name.as_str(), &upload.key) {
            ("key", Some(key)) => key,
            _ => value,
        };
        line.push_str(" --form-string ");
        line.push_str(&sh_word(&format!("{name}={value}")));
    }
    if let Some(prefix) = content_type_prefix(policy) {
        // The policy checks the Content-Type *field*; the uploader names the type.
        let hint = if prefix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/+.-_".contains(&b))
            && !prefix.is_empty()
        {
            format!("set CONTENT_TYPE to a type starting with {prefix}")
        } else {
            "set CONTENT_TYPE to the file's type".to_owned()
        };
        line.push_str(&format!(
            " --form-string \"Content-Type=${{CONTENT_TYPE:?{hint}}}\""
        ));
    }
    line.push_str(" -F ");
    line.push_str(&upload.path_word);
    line.push(' ');
    line.push_str(&sh_word(&form.url));
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        for (text, bytes) in [
            ("0", 0),
            ("5000000", 5_000_000),
            ("5MB", 5_000_000),
            ("20MiB", 20 << 20),
            ("1KB", 1000),
            ("1KiB", 1024),
            ("2GB", 2_000_000_000),
            ("5GiB", 5 << 30),
            ("7B", 7),
        ] {
            assert_eq!(parse_size(text), Ok(bytes), "{text}");
        }
        for bad in [
            "",
            "MB",
            "5 MB",
            "5mb",
            "5TB",
            "-1",
            "1.5MB",
            "99999999999999999999",
        ] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(20 << 20), "20 MiB (20971520 bytes)");
        assert_eq!(human_size(5_000_000), "5 MB (5000000 bytes)");
        assert_eq!(human_size(1234), "1234 bytes");
        assert_eq!(human_size(0), "0 bytes");
    }
}
