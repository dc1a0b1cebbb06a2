//! `presign verify`: recompute each URL's signature with the user's secret key, say which
//! method it is good for and whether it is valid now. Exit 3 when a URL is not.

use crate::cli::args::{Options, Verify};
use crate::cli::failure::Failure;
use crate::cli::inspect::{for_each_url, human};
use anyhow::anyhow;
use chrono::{DateTime, Utc};
use presign::{Credentials, Endpoint, Report, Timing, Verifier};
use std::fmt::Write as _;
use std::io::{self, Write};

/// The exit code for a URL that does not verify.
pub const INVALID: u8 = 3;

/// `Name: value` from `--header`, name lowercased.
fn parse_header(text: &str) -> Result<(String, String), Failure> {
    match text.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        }
        _ => Err(Failure::usage(anyhow!(
            "--header {}: write it as 'Name: value', e.g. --header 'Content-Type: image/png'",
            presign::Quoted(text)
        ))),
    }
}

/// Runs `presign verify` with the credentials, endpoint and `--at` the usual sources give.
pub fn run(args: &Verify, options: &Options) -> Result<(), Failure> {
    let env = crate::cli::env::Env::from_process();
    let stdin = args.urls.iter().any(|u| u == "-");
    let settings = crate::cli::resolve::resolve(options, &env, stdin)?;
    let config = &settings.config;
    if args.explain {
        eprintln!(
            "presign: note: the endpoint is {} (from {})",
            config.endpoint, settings.endpoint_origin
        );
    }
    if verify_all(args, &config.credentials, &config.endpoint, settings.time)? {
        Ok(())
    } else {
        Err(Failure {
            code: INVALID,
            error: anyhow!("not every URL verified: see the lines above"),
        })
    }
}

/// Checks every URL and prints its verdict; `Ok(false)` when one is not valid.
fn verify_all(
    args: &Verify,
    credentials: &Credentials,
    endpoint: &Endpoint,
    now: DateTime<Utc>,
) -> Result<bool, Failure> {
    let headers = args
        .headers
        .iter()
        .map(|h| parse_header(h))
        .collect::<Result<Vec<_>, _>>()?;
    let verifier = Verifier::new(credentials.access_key(), credentials.secret_key().clone());
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let mut all_valid = true;
    let mut text = String::with_capacity(256);
    let mut quick_lines = QuickLines::default();
    let result = for_each_url(&args.urls, |u| {
        text.clear();
        // Most URLs of a batch take the quick way, which has nothing to explain.
        let quick = if args.explain {
            None
        } else {
            verifier.verify_common(u, &headers, now)
        };
        let report = match quick {
            Some(report) => {
                quick_lines.write(&mut text, &report);
                report
            }
            None => {
                let url = presign::parse_presigned(u, Some(endpoint))?;
                let report = verifier.verify(&url, &headers, now, args.explain);
                if args.explain {
                    explain(&mut text, &report);
                }
                verdict(
                    &mut text,
                    &report,
                    &url.access_key,
                    credentials.access_key(),
                );
                report
            }
        };
        all_valid &= report.is_valid();
        out.write_all(text.as_bytes())
            .map_err(|e| Failure::config(anyhow!("cannot write to stdout: {e}")))
    });
    let _ = out.flush();
    result.map(|()| all_valid)
}

/// The verdict lines of a batch's quick way: its URLs mostly share their method, expiry
/// and time left, so the last line is kept and written again while they do.
#[derive(Default)]
struct QuickLines {
    last: Option<(Report, String)>,
}

impl QuickLines {
    fn write(&mut self, t: &mut String, report: &Report) {
        match &self.last {
            Some((last, line))
                if last.method == report.method
                    && last.timing == report.timing
                    && last.expires_at == report.expires_at =>
            {
                t.push_str(line);
            }
            _ => {
                let mut line = String::new();
                // The quick way reports only URLs signed with the user's own key.
                verdict(&mut line, report, "", "");
                t.push_str(&line);
                self.last = Some((report.clone(), line));
            }
        }
    }
}

/// One line: the verdict, the method, the time left or past.
fn verdict(t: &mut String, report: &Report, url_access_key: &str, access_key: &str) {
    let until = presign::format_time(report.expires_at);
    let when = match report.timing {
        Timing::Valid { seconds_left } => {
            format!("for {} more (until {until})", human(seconds_left))
        }
        Timing::Expired { seconds_ago } => format!("expired {} ago ({until})", human(seconds_ago)),
        Timing::NotYetValid { seconds_until } => {
            format!(
                "not valid for another {} (signed in the future)",
                human(seconds_until)
            )
        }
    };
    let _ = if report.access_key_differs {
        writeln!(
            t,
            "invalid: signed with access key {url_access_key}, and yours is {access_key}; verify with the credentials that signed it"
        )
    } else if !report.missing_headers.is_empty() {
        writeln!(
            t,
            "cannot check: the URL signs the headers {}; give their values with --header 'NAME: VALUE'",
            report.missing_headers.join(", ")
        )
    } else {
        match (&report.method, report.timing) {
            (Some(m), Timing::Valid { .. }) => writeln!(t, "valid: {m}, {when}"),
            (Some(m), _) => writeln!(t, "invalid: the signature is right for {m}, but {when}"),
            (None, _) => writeln!(
                t,
                "invalid: the signature matches no method (GET, PUT, HEAD, DELETE, POST): another secret key signed it, or the URL or a signed header changed; --explain shows what was signed"
            ),
        }
    };
}

fn explain(t: &mut String, report: &Report) {
    for a in &report.attempts {
        let _ = writeln!(
            t,
            "--- {}: {}",
            a.method,
            if a.matches {
                "signature matches"
            } else {
                "signature does not match"
            }
        );
        if let Some(creq) = &a.canonical_request {
            let _ = writeln!(t, "canonical request:\n{creq}");
        }
        let _ = writeln!(t, "string to sign:\n{}\n---", a.string_to_sign);
    }
}
