//! `presign config`: the settings a URL would be signed with, and where each came from.

use crate::cli::args::{EndpointsFormat, Options};
use crate::cli::config::{self, show};
use crate::cli::failure::Failure;
use crate::cli::output;

pub fn run(format: EndpointsFormat, options: &Options) -> Result<(), Failure> {
    let settings = config::resolve(options, false)?;
    output::write_text(&match format {
        EndpointsFormat::Text => show::text(&settings),
        EndpointsFormat::Json => show::json(&settings),
    })
}
