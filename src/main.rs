//! `presign`: parse, resolve configuration, sign, print. Everything else is elsewhere.

mod cli;

use clap::Parser;
use cli::args::Args;
use cli::failure::Failure;
use cli::operation::Plan;
use cli::output::{Job, Targets};
use presign::Presigner;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => return cli::failure::clap_error(e),
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::from(failure.code)
        }
    }
}

fn run(args: Args) -> Result<(), Failure> {
    // Completion scripts and the man page need no credentials: nothing is read for them.
    if let Some(done) = cli::generate::run(&args.command) {
        return done;
    }
    // Flags first: a typo is reported before any file is read or any key is used.
    let plan = Plan::new(&args.command)?;
    let targets = Targets::from_args(plan.targets)?;
    let stdin_is_targets = matches!(targets, Targets::Stdin);
    let env = cli::env::Env::from_process();
    let settings = cli::resolve::resolve(&args.options, &env, stdin_is_targets)?;
    let presigner = Presigner::new(&settings.config, settings.time)?;
    let headers = plan.signed_headers()?;
    presigner.check_headers(&headers).map_err(|e| {
        let header = match &e {
            presign::Error::UnsignableWithSigV2 { header } => header.as_str(),
            _ => "",
        };
        Failure::usage(anyhow::anyhow!("{}: {e}", plan.flag_for(header)))
    })?;
    targets.check(&presigner)?;
    if let Some(note) = cli::note::note(plan.kind, &headers) {
        eprintln!("{note}");
    }
    let job = Job {
        presigner: &presigner,
        kind: plan.kind,
        params: &plan.params,
        upload_id: plan.upload_id,
        parts: plan.parts,
        headers: &headers,
    };
    cli::output::write_urls(&job, targets)
}
