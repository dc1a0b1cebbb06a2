//! `presign post`: a browser upload form (POST policy) from the flags, printed as JSON,
//! as one curl command line, or as a self-contained HTML page.
//!
//! Flags are checked before any configuration is read, each error naming its flag. The
//! library signs ([`presign::presign_post`]); this file only turns flags into a
//! [`PostPolicy`] and the signed form into text.

use crate::cli::args::{Options, Post, PostOutput};
use crate::cli::failure::Failure;
use crate::cli::note::shell_quote;
use crate::cli::values::CANNED_ACLS;
use anyhow::anyhow;
use presign::{
    ContentTypeRule, FILENAME_PLACEHOLDER, MAX_POST_SIZE, PostForm, PostPolicy, SuccessStatus,
    Target, presign_post, push_json_string,
};
use std::io::Write;
use std::path::Path;

fn bad(flag: &str, e: impl std::fmt::Display) -> Failure {
    Failure::usage(anyhow!("{flag}: {e}"))
}

pub fn run(post: &Post, options: &Options) -> Result<(), Failure> {
    // Flags first: a typo is reported before any file is read or any key is used.
    let target = Target::parse(&post.target)?;
    let mut policy = policy(post)?;
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
    let env = crate::cli::env::Env::from_process();
    let settings = crate::cli::resolve::resolve(options, &env, false)?;
    let form = presign_post(&settings.config, settings.time, target, &policy)?;
    let text = match post.output {
        PostOutput::Json => json(&form, &policy),
        PostOutput::Curl => curl(&form, &policy, upload.as_ref().expect("made for curl")),
        PostOutput::Html => html(&form, &policy, target),
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
        p.fields_and_conditions().map_err(|e| bad(flag, e))?;
        Ok(p)
    };
    let mut policy = PostPolicy::default();

    if let Some(acl) = &post.acl {
        if !CANNED_ACLS.contains(&acl.as_str()) {
            return Err(bad(
                "--acl",
                format!(
                    "unknown canned ACL {acl:?}; use one of: {}",
                    CANNED_ACLS.join(", ")
                ),
            ));
        }
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
            .map_err(|e| bad(flag, e))
    };
    let min = size("--min-size", &post.min_size)?;
    let max = size("--max-size", &post.max_size)?;
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        return Err(bad(
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
        return Err(bad(
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

fn split_pair<'a>(flag: &str, text: &'a str, form: &str) -> Result<(&'a str, &'a str), Failure> {
    text.split_once('=')
        .ok_or_else(|| bad(flag, format!("{text:?} has no '='; write it as {form}")))
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
            "invalid size {text:?}: {reason}; write bytes (5000000) or a whole number with KB, MB, GB, KiB, MiB or GiB (20MiB)"
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
        _ => return Err(fail(&format!("unknown unit {unit:?}"))),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| fail("it is too large"))
}

/// A size for people: `20 MiB (20971520 bytes)`.
fn human_size(bytes: u64) -> String {
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
fn content_type_prefix(policy: &PostPolicy) -> Option<&str> {
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
                .ok_or_else(|| bad("--file", "the path is not valid UTF-8"))?
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
                .ok_or_else(|| bad("--file", "the path does not end in a file name"))?;
            Some(format!("{prefix}{name}"))
        }
        _ => None,
    };
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
    let mut line = String::from("curl --fail");
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

/// `text` safe inside HTML text and double-quoted attributes.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const PAGE_STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.4em}dl{display:grid;grid-template-columns:max-content auto;gap:.3em 1em}\
dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}\
fieldset{border:1px solid #bbb;border-radius:6px;padding:1em}\
label{display:block;margin:.6em 0 .2em}input[type=text]{width:100%;box-sizing:border-box}\
button{margin-top:1em;font-size:1.1em;padding:.4em 1.4em}\
#check{color:#a00}small{color:#555}";

/// Fills in the `Content-Type` field (and a `${filename}` key) from the chosen file and
/// warns about a file the policy will refuse; the form works without it.
const PAGE_SCRIPT: &str = r#"(function () {
  var form = document.getElementById("upload");
  var file = document.getElementById("file");
  var type = document.getElementById("content-type");
  var key = form.elements["key"];
  var check = document.getElementById("check");
  file.addEventListener("change", function () {
    var f = file.files[0];
    check.textContent = "";
    if (!f) return;
    if (type) type.value = f.type || type.value;
    if (key.dataset.prefix !== undefined) key.value = key.dataset.prefix + f.name;
    var problems = [];
    var max = Number(form.dataset.max), min = Number(form.dataset.min);
    if (form.dataset.max && f.size > max) problems.push("it is larger than the limit");
    if (form.dataset.min && f.size < min) problems.push("it is smaller than the minimum");
    var want = form.dataset.typePrefix;
    if (want !== undefined && type && type.value.indexOf(want) !== 0)
      problems.push("its type is not accepted");
    if (problems.length) check.textContent = "The server will refuse this file: " + problems.join("; ") + ".";
  });
})();"#;

/// One self-contained page: the form posts straight to the bucket (a plain form submit
/// is not subject to CORS), and everything it shows is escaped.
fn html(form: &PostForm, policy: &PostPolicy, target: Target<'_>) -> String {
    let e = escape_html;
    let key = target.key();
    let template = key.strip_suffix(FILENAME_PLACEHOLDER);
    let mut facts: Vec<(&str, String)> = vec![("Bucket", e(target.bucket()))];
    facts.push(match template {
        Some(prefix) => (
            "Saved as",
            format!("<code>{}</code> followed by the file's name", e(prefix)),
        ),
        None => ("Saved as", format!("<code>{}</code>", e(key))),
    });
    if let Some((min, max)) = policy.size {
        let text = if min == 0 {
            format!("at most {}", human_size(max))
        } else {
            format!("from {} to {}", human_size(min), human_size(max))
        };
        facts.push(("Size", text));
    }
    facts.push((
        "Type",
        match &policy.content_type {
            None => "any".to_owned(),
            Some(ContentTypeRule::StartsWith(p)) if p.is_empty() => "any".to_owned(),
            Some(ContentTypeRule::StartsWith(p)) => {
                format!("<code>{}</code>…", e(p))
            }
            Some(ContentTypeRule::Exact(t)) => format!("<code>{}</code> only", e(t)),
        },
    ));
    facts.push((
        "Works until",
        format!(
            "<time datetime=\"{0}\">{1}</time>",
            form.expiration.format("%Y-%m-%dT%H:%M:%SZ"),
            form.expiration.format("%Y-%m-%d %H:%M UTC")
        ),
    ));

    let mut data = String::new();
    if let Some((min, max)) = policy.size {
        data.push_str(&format!(" data-min=\"{min}\" data-max=\"{max}\""));
    }
    if let Some(prefix) = content_type_prefix(policy) {
        data.push_str(&format!(" data-type-prefix=\"{}\"", e(prefix)));
    }

    let mut page = String::with_capacity(4096);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    page.push_str(&format!(
        "<title>Upload a file to {}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n",
        e(target.bucket())
    ));
    page.push_str(&format!(
        "<h1>Upload a file to {}</h1>\n<dl>\n",
        e(target.bucket())
    ));
    for (name, value) in &facts {
        page.push_str(&format!("<dt>{name}</dt><dd>{value}</dd>\n"));
    }
    page.push_str("</dl>\n");
    page.push_str(&format!(
        "<form id=\"upload\" method=\"post\" action=\"{}\" enctype=\"multipart/form-data\"{data}>\n<fieldset>\n",
        e(&form.url)
    ));
    for (name, value) in &form.fields {
        let prefix_attr = match (name.as_str(), template) {
            ("key", Some(prefix)) => format!(" data-prefix=\"{}\"", e(prefix)),
            _ => String::new(),
        };
        page.push_str(&format!(
            "<input type=\"hidden\" name=\"{}\" value=\"{}\"{prefix_attr}>\n",
            e(name),
            e(value)
        ));
    }
    if let Some(prefix) = content_type_prefix(policy) {
        let rule = if prefix.is_empty() {
            "any type".to_owned()
        } else {
            format!("must start with <code>{}</code>", e(prefix))
        };
        page.push_str(&format!(
            "<label for=\"content-type\">Content type <small>({rule}; filled in from the file)</small></label>\n\
             <input type=\"text\" id=\"content-type\" name=\"Content-Type\" value=\"{}\" required>\n",
            e(prefix)
        ));
    }
    // The file goes last: S3 ignores every field after it.
    page.push_str(
        "<label for=\"file\">File</label>\n<input type=\"file\" id=\"file\" name=\"file\" required>\n\
         <p id=\"check\" role=\"status\"></p>\n<button type=\"submit\">Upload</button>\n</fieldset>\n</form>\n",
    );
    page.push_str(&format!(
        "<script>{PAGE_SCRIPT}</script>\n</body>\n</html>\n"
    ));
    page
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

    #[test]
    fn html_escaping() {
        assert_eq!(
            escape_html(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }
}
