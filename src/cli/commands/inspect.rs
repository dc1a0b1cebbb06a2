//! `presign inspect`: what a presigned URL holds, as text or JSON. Also the URL input
//! that `inspect` and `verify` share: arguments, or stdin one URL per line.

use crate::cli::args::{Inspect, InspectFormat};
use crate::cli::failure::Failure;
use crate::cli::lines::{LineRead, with_line_bounded};
use crate::cli::output::format::json_string;
use anyhow::anyhow;
use chrono::{DateTime, Utc};
use presign::inspect::Presigned;
use presign::{AddressingStyle, Endpoint};
use std::io::{self, BufReader, Write};

/// The longest line read as one URL: a presigned URL with a long session token is a few
/// KB; more than this is not one.
const MAX_URL_LINE: usize = 16 * 1024;

/// Why a run over URLs stops before its end.
pub enum Stop {
    /// A URL (or stdin) is at fault: the message names its stdin line.
    Url(Failure),
    /// stdout cannot be written: no URL is at fault.
    Write(io::Error),
}

impl From<Failure> for Stop {
    fn from(f: Failure) -> Self {
        Stop::Url(f)
    }
}

impl From<presign::Error> for Stop {
    fn from(e: presign::Error) -> Self {
        Stop::Url(e.into())
    }
}

/// Writes `text` to `out`, a failure being stdout's, not the URL's.
pub fn emit(out: &mut impl Write, text: &str) -> Result<(), Stop> {
    out.write_all(text.as_bytes()).map_err(Stop::Write)
}

/// Ends a run: flushes `out` and words how it stopped. `Ok(false)` when the reader of
/// stdout went away: the run ends quietly with exit 0, as `get -` does.
pub fn finish(result: Result<(), Stop>, out: &mut impl Write) -> Result<bool, Failure> {
    let result = result.and_then(|()| out.flush().map_err(Stop::Write));
    match result {
        Ok(()) => Ok(true),
        Err(Stop::Url(failure)) => {
            // The lines before the bad one still go out.
            let _ = out.flush();
            Err(failure)
        }
        Err(Stop::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(Stop::Write(e)) => Err(Failure::config(anyhow!("cannot write to stdout: {e}"))),
    }
}

/// Calls `each` with every URL: the arguments, or each non-blank stdin line for `-`.
/// An error of a URL names the stdin line it came from; a write error does not.
pub fn for_each_url(
    urls: &[String],
    mut each: impl FnMut(&str) -> Result<(), Stop>,
) -> Result<(), Stop> {
    if urls.len() != 1 || urls[0] != "-" {
        if urls.iter().any(|u| u == "-") {
            return Err(Stop::Url(Failure::usage(anyhow!(
                "'-' (read URLs from stdin) must be the only URL"
            ))));
        }
        return urls.iter().try_for_each(|u| each(u));
    }
    let mut input = BufReader::with_capacity(64 * 1024, io::stdin().lock());
    let mut line = Vec::with_capacity(MAX_URL_LINE + 1);
    for number in 1.. {
        let at_line = |e: Stop| match e {
            Stop::Url(e) => Stop::Url(Failure {
                code: e.code,
                error: e.error.context(format!("stdin line {number}")),
            }),
            write => write,
        };
        let more = with_line_bounded(&mut input, &mut line, MAX_URL_LINE, |read, line| {
            match read {
                LineRead::Eof => return Ok(false),
                LineRead::TooLong => {
                    return Err(at_line(Stop::Url(Failure::usage(anyhow!(
                        "the line is longer than {MAX_URL_LINE} bytes: not a presigned URL"
                    )))));
                }
                LineRead::Line => {}
            }
            let text = std::str::from_utf8(line)
                .map_err(|_| at_line(Stop::Url(Failure::usage(anyhow!("not valid UTF-8")))))?
                .trim();
            if !text.is_empty() {
                each(text).map_err(at_line)?;
            }
            Ok(true)
        })
        .map_err(|e| Stop::Url(Failure::config(anyhow!("cannot read stdin: {e}"))))??;
        if !more {
            break;
        }
    }
    Ok(())
}

/// Runs `presign inspect`. It needs no credentials and takes no connection options but
/// its own `--at` (as "now") and `--endpoint` (to tell a bucket label in the host name).
pub fn run(args: &Inspect) -> Result<(), Failure> {
    let now = match &args.at {
        Some(at) => presign::parse_time(at).map_err(|e| Failure::usage(anyhow!("--at: {e}")))?,
        None => Utc::now(),
    };
    let endpoint: Option<Endpoint> = args
        .endpoint
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|e| Failure::usage(anyhow!("--endpoint: {e}")))?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut first = true;
    let result = for_each_url(&args.urls, |text| {
        let url = presign::inspect::parse(text, endpoint.as_ref())?;
        let rendered = match args.output {
            InspectFormat::Text => {
                let mut t = String::new();
                if !first {
                    t.push('\n');
                }
                text_report(&mut t, &url, now);
                t
            }
            InspectFormat::Json => json_report(&url, now),
        };
        first = false;
        emit(&mut out, &rendered)
    });
    finish(result, &mut out).map(|_| ())
}

/// `1h 2m 3s`, `4d 5h`, `59s`: the two largest units.
pub fn human(seconds: i64) -> String {
    let mut s = seconds.unsigned_abs();
    let mut out = String::new();
    let mut shown = 0;
    for (size, name) in [(86_400, 'd'), (3_600, 'h'), (60, 'm'), (1, 's')] {
        let n = s / size;
        s %= size;
        // The two largest units, counted from the first that is not zero.
        if n > 0 && shown < 2 {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&n.to_string());
            out.push(name);
        }
        if n > 0 || shown > 0 {
            shown += 1;
        }
    }
    if out.is_empty() {
        out.push_str("0s");
    }
    out
}

fn rfc3339(t: DateTime<Utc>) -> String {
    presign::format_time(t)
}

fn text_report(t: &mut String, url: &Presigned<'_>, now: DateTime<Utc>) {
    use std::fmt::Write as _;
    let line = |t: &mut String, field: &str, value: &str| {
        let _ = writeln!(t, "{:<16}{value}", format!("{field}:"));
    };
    let v4 = url.signature_version == presign::SignatureVersion::V4;
    line(
        t,
        "signature",
        if v4 {
            "v4 (AWS4-HMAC-SHA256)"
        } else {
            "v2 (HMAC-SHA1)"
        },
    );
    line(t, "endpoint", &url.endpoint());
    line(
        t,
        "addressing",
        match url.addressing {
            AddressingStyle::Path => "path style",
            AddressingStyle::VirtualHost => "virtual host",
        },
    );
    line(t, "bucket", &url.bucket.escape_debug().to_string());
    // A bucket-level request (a listing, `?uploads` listings, `PUT /bucket`) has no key;
    // an empty `key:` line reads as a missing value.
    if url.key.is_empty() {
        line(t, "key", "none (a request on the bucket itself)");
    } else {
        line(t, "key", &url.key.escape_debug().to_string());
    }
    line(t, "access key", &url.access_key);
    if let Some(region) = &url.region {
        line(t, "region", region);
    }
    if let Some(at) = url.signed_at {
        line(t, "signed at", &rfc3339(at));
    }
    let left = (url.expires_at - now).num_seconds();
    // Signed ahead of now: servers take it within their clock skew only.
    let ahead = url.signed_at.map_or(0, |at| (at - now).num_seconds());
    let skew = presign::verify::MAX_CLOCK_SKEW_SECS;
    let state = if ahead > skew {
        format!(
            "not valid yet: signed {} in the future, more than the {} of clock skew servers allow",
            human(ahead),
            human(skew)
        )
    } else if left >= 0 {
        format!("valid for {} more", human(left))
    } else {
        format!("expired {} ago", human(left))
    };
    let valid_for = url
        .expires_secs
        .map(|s| format!("; signed for {}", human(s as i64)))
        .unwrap_or_default();
    line(
        t,
        "expires at",
        &format!("{} ({state}{valid_for})", rfc3339(url.expires_at)),
    );
    let headers: Vec<&str> = url.signed_headers.iter().map(|h| &**h).collect();
    line(
        t,
        "signed headers",
        &if headers.is_empty() {
            "none".to_owned()
        } else {
            headers.join(", ")
        },
    );
    let params: Vec<String> = url
        .params
        .iter()
        .map(|p| match p.shown_value() {
            Some(v) => format!("{}={}", p.name, v.escape_debug()),
            None => p.name.to_string(),
        })
        .collect();
    line(
        t,
        "params",
        &if params.is_empty() {
            "none".to_owned()
        } else {
            params.join(", ")
        },
    );
    line(t, "operation", &url.likely_operation());
    line(
        t,
        "session token",
        if url.session_token.is_some() {
            "present (not shown): valid until the earlier of the URL's expiry and the session's"
        } else {
            "none"
        },
    );
}

fn json_report(url: &Presigned<'_>, now: DateTime<Utc>) -> String {
    let mut j = String::from("{\"signature\":");
    let v4 = url.signature_version == presign::SignatureVersion::V4;
    j.push_str(if v4 { "\"v4\"" } else { "\"v2\"" });
    let field = |j: &mut String, name: &str, value: &str| {
        j.push_str(",\"");
        j.push_str(name);
        j.push_str("\":");
        json_string(j, value);
    };
    field(&mut j, "endpoint", &url.endpoint());
    field(
        &mut j,
        "addressing",
        match url.addressing {
            AddressingStyle::Path => "path",
            AddressingStyle::VirtualHost => "virtual",
        },
    );
    field(&mut j, "bucket", &url.bucket);
    field(&mut j, "key", &url.key);
    field(&mut j, "access_key", &url.access_key);
    match &url.region {
        Some(r) => field(&mut j, "region", r),
        None => j.push_str(",\"region\":null"),
    }
    match url.signed_at {
        Some(at) => field(&mut j, "signed_at", &rfc3339(at)),
        None => j.push_str(",\"signed_at\":null"),
    }
    field(&mut j, "expires_at", &rfc3339(url.expires_at));
    j.push_str(if now > url.expires_at {
        ",\"expired\":true"
    } else {
        ",\"expired\":false"
    });
    j.push_str(",\"signed_headers\":[");
    for (i, h) in url.signed_headers.iter().enumerate() {
        if i > 0 {
            j.push(',');
        }
        json_string(&mut j, h);
    }
    j.push_str("],\"params\":{");
    for (i, p) in url.params.iter().enumerate() {
        if i > 0 {
            j.push(',');
        }
        json_string(&mut j, &p.name);
        j.push(':');
        match p.shown_value() {
            Some(v) => json_string(&mut j, &v),
            None => j.push_str("null"),
        }
    }
    j.push_str("},\"session_token\":");
    j.push_str(if url.session_token.is_some() {
        "true"
    } else {
        "false"
    });
    j.push_str("}\n");
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for (s, want) in [
            (0, "0s"),
            (59, "59s"),
            (3600, "1h"),
            (3661, "1h 1m"),
            (90061, "1d 1h"),
            (-125, "2m 5s"),
        ] {
            assert_eq!(human(s), want, "{s}");
        }
    }
}
