//! `presign`: parse, resolve configuration, sign, print. Everything else is elsewhere.

mod cli;

use clap::Parser;
use cli::args::{Args, Command};
use cli::failure::Failure;
use cli::output::Targets;
use presign::{Method, Presigner};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::from(failure.code)
        }
    }
}

fn run(args: Args) -> Result<(), Failure> {
    let (method, targets) = match &args.command {
        Command::Get(t) => (Method::GET, &t.targets),
        Command::Put(t) => (Method::PUT, &t.targets),
    };
    let content_type = args.options.content_type.as_deref();
    if let Some(ct) = content_type {
        if method != Method::PUT {
            return Err(Failure::usage(anyhow::anyhow!(
                "--content-type applies to put only; a download does not send one"
            )));
        }
        presign::check_content_type(ct)
            .map_err(|e| Failure::usage(anyhow::anyhow!("--content-type: {e}")))?;
    }
    let targets = Targets::from_args(targets)?;
    let stdin_is_targets = matches!(targets, Targets::Stdin);
    let env = cli::env::Env::from_process();
    let settings = cli::resolve::resolve(&args.options, &env, stdin_is_targets)?;
    let presigner = Presigner::new(&settings.config, settings.time)?;
    cli::output::write_urls(&presigner, method, content_type, targets)
}
