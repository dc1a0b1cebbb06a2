//! The subcommands that print presigned URLs (get, head, put, delete, list, copy,
//! multipart): flags first, then targets, settings, the checks a signer makes once, and
//! the lines.

use crate::cli::args::{Args, Format};
use crate::cli::commands::url::{Plan, split};
use crate::cli::config::{self, Settings};
use crate::cli::failure::Failure;
use crate::cli::kind::Kind;
use crate::cli::output::format::Renderer;
use crate::cli::output::{self, Job, Targets, note};
use presign::Presigner;

/// The subcommands that print presigned URLs: get, head, put, delete, multipart.
pub fn run(args: &Args) -> Result<(), Failure> {
    // Flags first: a typo is reported before any file is read or any key is used.
    let plan = Plan::new(&args.command, args.options.at.as_deref())?;
    let targets = match plan.bucket {
        Some(bucket) => Targets::listing(bucket)?,
        None => Targets::from_args(plan.targets)?,
    };
    if let (true, Some(body)) = (plan.body_only, &plan.body) {
        return output::write_text(&format!("{body}\n"));
    }
    let stdin_is_targets = matches!(targets, Targets::Stdin);
    let settings = config::resolve(&args.options, stdin_is_targets)?;
    let presigner = Presigner::new(&settings.config, settings.time)?;
    // Where SigV2 came from, when a file or a variable chose it.
    let v2 = settings.config.signature == presign::SignatureVersion::V2;
    let v2_from = match (settings.signature_origin(), v2) {
        (Some(origin), true) => format!(" (SigV2 from {origin})"),
        _ => String::new(),
    };
    if v2 {
        if plan.in_url {
            return Err(Failure::flag(
                "--in-url",
                format!("{}{v2_from}", presign::request::SIGV2_IN_URL_REFUSAL),
            ));
        }
        if let Some((flag, reason)) = plan.sigv2_refusal() {
            return Err(Failure::flag(flag, format!("{reason}{v2_from}")));
        }
    }
    let headers = plan.signed_headers()?;
    presigner.check_headers(&headers).map_err(|e| {
        let header = match &e {
            presign::Error::UnsignableWithSigV2 { header } => header.as_str(),
            _ => "",
        };
        Failure::usage(anyhow::anyhow!("{}: {e}{v2_from}", plan.flag_for(header)))
    })?;
    presigner.check_params(&plan.query_params()?).map_err(|e| {
        let what = if plan.kind == Kind::List {
            "list"
        } else {
            "a parameter"
        };
        Failure::usage(anyhow::anyhow!("{what}: {e}{v2_from}"))
    })?;
    targets.check(&presigner)?;
    // A legacy bucket name outside AWS's us-east-1: botocore signs it, but no such bucket
    // exists. Every target first, so that a batch prints all its URLs or none (stdin
    // lines are checked as they come).
    if let Targets::Args(targets) = &targets {
        for t in targets {
            presigner.check_bucket_can_exist(t.bucket())?;
        }
    }
    let format = plan.output.output;
    // JSON and curl lines carry the headers themselves; the note is for bare URLs.
    if format == Format::Url
        && let Some(note) = note::note(plan.kind, &headers)
    {
        eprintln!("{note}");
    }
    if let (Some(parts), Some(file)) = (&plan.split, &plan.output.file) {
        let file = presign::quote::ShownPath(file).to_string();
        let max = (!v2).then_some(presign::SIGV4_MAX_EXPIRES);
        let expires = settings.config.expires.as_secs();
        if let Some(warning) = split::expiry_warning(parts, &file, expires, max) {
            eprintln!("presign: warning: {warning}");
        }
        // JSON lines carry each part's bytes; curl lines send them.
        if format == Format::Url {
            eprintln!("{}", split::note(parts, &file));
        }
    }
    let renderer = Renderer::new(
        format,
        plan.kind,
        &headers,
        &expires_at(&settings, format)?,
        plan.output.file.as_deref(),
        plan.body.as_deref(),
        plan.split.clone(),
    );
    let job = Job {
        presigner: &presigner,
        kind: plan.kind,
        params: plan.query_params()?,
        upload_id: plan.upload_id,
        parts: plan.parts,
        headers: &headers,
        renderer: (format != Format::Url).then_some(&renderer),
    };
    output::write_urls(&job, targets)
}

/// When the URLs stop working, RFC 3339 in UTC, for `-o json`. SigV2 allows expiries past
/// the year 9999, which RFC 3339 cannot write.
fn expires_at(settings: &Settings, format: Format) -> Result<String, Failure> {
    match settings.expiry_end("-o json") {
        Ok(t) => Ok(presign::format_time(t)),
        Err(e) if format == Format::Json => Err(e),
        Err(_) => Ok(String::new()),
    }
}
