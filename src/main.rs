//! `presign`: parse, dispatch to the subcommand, map the failure to an exit code.
//! Everything else is in `cli` (see its module docs for the rooms).

mod cli;

use cli::args::{Args, Command};
use cli::commands;
use cli::failure::Failure;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Bare `presign`: a short usage instead of the whole help, on stderr like any usage
    // error, exit 2.
    if std::env::args_os().len() <= 1 {
        eprint!("{}", cli::args::SHORT_USAGE);
        return ExitCode::from(cli::failure::USAGE);
    }
    let args = match cli::args::parse() {
        Ok(args) => args,
        Err(e) => return cli::failure::clap_error(e),
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.is_said() {
                eprintln!("{failure}");
            }
            ExitCode::from(failure.code)
        }
    }
}

fn run(args: Args) -> Result<(), Failure> {
    match &args.command {
        // Completion scripts and the man page need no configuration: nothing is read.
        Command::Completions(c) => commands::generate::completions(c.shell),
        Command::Man => commands::generate::man(),
        Command::Endpoints(e) => commands::endpoints::run(e.output),
        Command::Config(c) => commands::config::run(c.output, &args.options),
        Command::Post(post) => commands::post::run(post, &args.options),
        Command::Inspect(inspect) => commands::inspect::run(inspect),
        Command::Verify(verify) => commands::verify::run(verify, &args.options),
        _ => commands::url::run(&args),
    }
}
