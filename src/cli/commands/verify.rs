//! `presign verify`: recompute each URL's signature with the user's secret key, say which
//! method it is good for and whether it is valid now. Exit 3 when a URL is not.

use crate::cli::args::{Options, Verify};
use crate::cli::commands::inspect::{emit, finish, for_each_url, human};
use crate::cli::failure::Failure;
use anyhow::anyhow;
use chrono::{DateTime, Utc};
use presign::verify::{Report, Timing, Verifier};
use presign::{Credentials, Endpoint};
use std::fmt::Write as _;
use std::io;

/// The exit code for a URL that does not verify.
pub const INVALID: u8 = 3;

/// `Name: value` from `--header`, name lowercased. A control character would forge a
/// line of `--explain`'s canonical request (and no header carries one).
fn parse_header(text: &str) -> Result<(String, String), Failure> {
    if text.chars().any(|c| c.is_control() && c != '\t') {
        return Err(Failure::usage(anyhow!(
            "--header {}: it holds a control character, which no header value can",
            presign::quote::Quoted(text)
        )));
    }
    match text.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        }
        _ => Err(Failure::usage(anyhow!(
            "--header {}: write it as 'Name: value', e.g. --header 'Content-Type: image/png'",
            presign::quote::Quoted(text)
        ))),
    }
}

/// Runs `presign verify` with the credentials, endpoint and `--at` the usual sources give.
pub fn run(args: &Verify, options: &Options) -> Result<(), Failure> {
    let stdin = args.urls.iter().any(|u| u == "-");
    let settings = crate::cli::config::resolve(options, stdin)?;
    let config = &settings.config;
    if args.explain && settings.endpoint_by_keys {
        eprintln!(
            "presign: note: the endpoint is {} (from {})",
            config.endpoint, settings.sources.endpoint
        );
    }
    // `None`: the reader of stdout went away, which ends the run quietly.
    match verify_all(args, &config.credentials, &config.endpoint, settings.time)? {
        Some(Checked {
            all_valid: false,
            urls,
        }) => Err(if urls > 1 {
            Failure {
                code: INVALID,
                error: anyhow!("not every URL verified: see the lines above"),
            }
        } else {
            // The one verdict says it.
            Failure::said(INVALID)
        }),
        _ => Ok(()),
    }
}

/// What a run of `verify` found.
struct Checked {
    all_valid: bool,
    /// How many URLs it checked.
    urls: usize,
}

/// Checks every URL and prints its verdict: whether all were valid, `None` when the
/// reader of stdout went away before the end.
fn verify_all(
    args: &Verify,
    credentials: &Credentials,
    endpoint: &Endpoint,
    now: DateTime<Utc>,
) -> Result<Option<Checked>, Failure> {
    let headers = args
        .headers
        .iter()
        .map(|h| parse_header(h))
        .collect::<Result<Vec<_>, _>>()?;
    let verifier = Verifier::new(credentials.access_key(), credentials.secret_key().clone());
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let mut all_valid = true;
    let mut urls = 0;
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
                let url = presign::inspect::parse(u, Some(endpoint))?;
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
        urls += 1;
        emit(&mut out, &text)
    });
    Ok(finish(result, &mut out)?.then_some(Checked { all_valid, urls }))
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
    let skew = human(presign::verify::MAX_CLOCK_SKEW_SECS);
    let when = match report.timing {
        Timing::Valid { seconds_left } => {
            format!("for {} more (until {until})", human(seconds_left))
        }
        Timing::ValidSignedAhead {
            seconds_ahead,
            seconds_left,
        } => format!(
            "for {} more (until {until}); signed {} in the future, within the {skew} of clock skew servers allow",
            human(seconds_left),
            human(seconds_ahead)
        ),
        Timing::Expired { seconds_ago } => format!("expired {} ago ({until})", human(seconds_ago)),
        Timing::NotYetValid { seconds_until } => format!(
            "it was signed {} in the future, more than the {skew} of clock skew servers allow: not valid for another {}",
            human(seconds_until),
            human(seconds_until - presign::verify::MAX_CLOCK_SKEW_SECS)
        ),
    };
    let _ = if report.access_key_differs {
        writeln!(
            t,
            "invalid: signed with access key {url_access_key}, and yours is {access_key}; verify with the credentials that signed it"
        )
    } else if let Some(refusal) = &report.refusal {
        let signature = match (&report.method, report.missing_headers.is_empty()) {
            (Some(m), _) => format!("the signature is right for {m}"),
            (None, true) => "the signature matches no method either".to_owned(),
            (None, false) => "the signature was not checked".to_owned(),
        };
        writeln!(
            t,
            "invalid: {refusal}, so servers refuse it whatever its signature ({signature})"
        )
    } else if !report.missing_headers.is_empty() {
        writeln!(
            t,
            "cannot check: the URL signs the headers {}; give their values with --header 'NAME: VALUE'{}",
            report.missing_headers.join(", "),
            servers_differ(report)
        )
    } else if !report.disputed_headers.is_empty() {
        let with = match &report.method {
            Some(m) => format!("the signature is right for {m}"),
            None => "the signature matches no method".to_owned(),
        };
        writeln!(
            t,
            "depends on the server: {with} with those headers where a SigV2 URL's x-amz-meta-* are read from the request's headers (s3s){}; {when}",
            servers_differ(report)
        )
    } else {
        match (&report.method, report.timing) {
            (Some(m), timing) if timing.is_valid() => writeln!(t, "valid: {m}, {when}"),
            (Some(m), _) => writeln!(t, "invalid: the signature is right for {m}, but {when}"),
            (None, _) => writeln!(
                t,
                "invalid: the signature matches no method (GET, PUT, HEAD, DELETE, POST): another secret key signed it, or the URL or a signed header changed; --explain shows what was signed"
            ),
        }
    };
}

/// What servers that read a SigV2 URL's `x-amz-meta-*` from the query's copies make of
/// it, after what the verdict said of those that read them from the request's headers;
/// empty when the URL signs none.
fn servers_differ(report: &Report) -> String {
    if report.disputed_headers.is_empty() {
        return String::new();
    }
    let checked = report
        .missing_headers
        .iter()
        .all(|h| h.starts_with("x-amz-meta-"));
    let query = match &report.method_from_query_copies {
        Some(m) => format!(", and takes {m} only without those headers"),
        None if checked => ", where the signature matches no method".to_owned(),
        None => String::new(),
    };
    if report.missing_headers.is_empty() {
        format!("; radosgw reads them from the query's copies{query}")
    } else {
        format!(
            "; servers differ on a SigV2 URL's x-amz-meta-*: s3s reads them from the request's headers, radosgw from the query's copies{query}"
        )
    }
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
        // A session token is a secret: shown by its length only.
        if let Some(creq) = &a.canonical_request {
            let _ = writeln!(
                t,
                "canonical request:\n{}",
                presign::verify::redact_token(creq)
            );
        }
        let _ = writeln!(
            t,
            "string to sign:\n{}\n---",
            presign::verify::redact_token(&a.string_to_sign)
        );
    }
}
