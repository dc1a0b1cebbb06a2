//! `presign endpoints`: every preset `--endpoint` takes, what it resolves to and what the
//! provider does not support, from the table in the library (`presign::endpoint::PRESETS`). Reads no configuration.

use crate::cli::args::EndpointsFormat;
use crate::cli::failure::Failure;
use presign::endpoint::{PRESETS, Preset};
use presign::post::push_json_string;

/// Prints the presets, one a line: aligned text, or JSON Lines.
pub fn run(format: EndpointsFormat) -> Result<(), Failure> {
    let mut out = String::new();
    for preset in &PRESETS {
        match format {
            EndpointsFormat::Text => text_line(&mut out, preset),
            EndpointsFormat::Json => json_line(&mut out, preset),
        }
        out.push('\n');
    }
    crate::cli::output::write_text(&out)
}

/// `NAME  ENDPOINT  region R, A addressing; LIMITS`.
fn text_line(out: &mut String, p: &Preset) {
    let width = PRESETS.iter().map(|p| p.name.len()).max().unwrap_or(0);
    out.push_str(&format!(
        "{:width$}  {}  region {}, {} addressing",
        p.name, p.endpoint, p.region, p.addressing
    ));
    if !p.limits.is_empty() {
        out.push_str("; ");
        out.push_str(p.limits);
    }
}

fn json_line(out: &mut String, p: &Preset) {
    let fields = [
        ("name", p.name),
        ("endpoint", p.endpoint),
        ("region", p.region),
        ("addressing", p.addressing),
        ("limits", p.limits),
        ("source", p.source),
    ];
    out.push('{');
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_json_string(out, key);
        out.push_str(": ");
        push_json_string(out, value);
    }
    out.push('}');
}
