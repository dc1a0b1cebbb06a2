//! `presign endpoints`: every preset `--endpoint` takes, what it resolves to and what the
//! provider does not support, from the library's table (`presign::endpoint::PRESETS`).
//! Reads no configuration.

use crate::cli::args::EndpointsFormat;
use crate::cli::failure::Failure;
use presign::endpoint::{PRESETS, Preset};
use presign::post::push_json_string;

/// Prints the presets, one a line: aligned text (other names last), or JSON Lines. Text fits the terminal's
/// width (`crate::cli::output::width`): a preset whose line is wider is wrapped under its
/// name. With no width known (stdout is not a terminal and `COLUMNS` is not set), each
/// preset stays on one line whatever its length, for `grep` and `awk`.
pub fn run(format: EndpointsFormat) -> Result<(), Failure> {
    let width = crate::cli::output::width();
    let mut out = String::new();
    for preset in &PRESETS {
        match format {
            EndpointsFormat::Text => text_lines(&mut out, preset, width),
            EndpointsFormat::Json => json_line(&mut out, preset),
        }
        out.push('\n');
    }
    crate::cli::output::write_text(&out)
}

/// The width of the name column: the longest preset name.
fn name_width() -> usize {
    PRESETS.iter().map(|p| p.name.len()).max().unwrap_or(0)
}

/// The narrowest room for the endpoint and the details beside the name column (and at
/// least the longest word of any preset's, so that the column holds every word); below
/// it, every wrapped preset has its details under its name instead, indented by
/// [`STACKED_INDENT`].
const MIN_DETAILS_WIDTH: usize = 40;
const STACKED_INDENT: usize = 4;

/// The room the details column needs: [`MIN_DETAILS_WIDTH`], or the longest word.
fn details_width() -> usize {
    PRESETS
        .iter()
        .flat_map(|p| [p.endpoint, p.limits].into_iter())
        .flat_map(|text| text.split(' '))
        .map(|word| word.chars().count())
        .chain([MIN_DETAILS_WIDTH])
        .max()
        .unwrap_or(MIN_DETAILS_WIDTH)
}

/// `NAME  ENDPOINT  region R, A addressing; LIMITS` on one line, or wrapped to `width`:
/// the endpoint beside the name, then the region, addressing and limits on lines of their
/// own, all in the details column (or under the name when that column would be too
/// narrow). A word longer than the room (a long host name in a narrow terminal) gets a
/// line of its own.
fn text_lines(out: &mut String, p: &Preset, width: Option<usize>) {
    let names = name_width();
    let mut details = format!("region {}, {} addressing", p.region, p.addressing);
    if !p.limits.is_empty() {
        details.push_str("; ");
        details.push_str(p.limits);
    }
    if !p.aliases.is_empty() {
        details.push_str("; also named ");
        details.push_str(&p.aliases.join(", "));
    }
    let line = format!("{:names$}  {}  {details}", p.name, p.endpoint);
    let Some(width) = width.filter(|w| line.chars().count() > *w) else {
        out.push_str(&line);
        return;
    };
    let (first, indent) = if width >= names + 2 + details_width() {
        (format!("{:names$}  ", p.name), names + 2)
    } else {
        (
            format!("{}\n{}", p.name, " ".repeat(STACKED_INDENT)),
            STACKED_INDENT,
        )
    };
    let room = width.saturating_sub(indent);
    let mut lines = wrap(p.endpoint, room);
    lines.extend(wrap(&details, room));
    out.push_str(&first);
    out.push_str(&lines.join(&format!("\n{}", " ".repeat(indent))));
}

/// `text` in lines of at most `room` characters, broken at spaces.
fn wrap(text: &str, room: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

fn json_line(out: &mut String, p: &Preset) {
    out.push_str("{\"name\": ");
    push_json_string(out, p.name);
    out.push_str(", \"aliases\": [");
    for (i, alias) in p.aliases.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_json_string(out, alias);
    }
    out.push(']');
    let fields = [
        ("provider", p.provider),
        ("endpoint", p.endpoint),
        ("region", p.region),
        ("addressing", p.addressing),
        ("limits", p.limits),
        ("source", p.source),
    ];
    for (key, value) in fields {
        out.push_str(", ");
        push_json_string(out, key);
        out.push_str(": ");
        push_json_string(out, value);
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(width: Option<usize>) -> String {
        let mut out = String::new();
        for p in &PRESETS {
            text_lines(&mut out, p, width);
            out.push('\n');
        }
        out
    }

    /// With a width, every line fits it but for a word that cannot be broken; the words
    /// are the same as on the one-line form, in the same order.
    #[test]
    fn wrapped_text_fits_and_keeps_every_word() {
        let one_line = text(None);
        assert_eq!(one_line.lines().count(), PRESETS.len());
        let words = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        for width in [200, 120, 100, 80, 72, 60, 50, 40, 20] {
            let wrapped = text(Some(width));
            for line in wrapped.lines() {
                assert!(
                    line.chars().count() <= width || !line.trim().contains(' '),
                    "{width}: {line:?}"
                );
            }
            assert_eq!(words(&wrapped), words(&one_line), "{width}");
            // Each preset starts a line of its own, at the left margin.
            let starts: Vec<&str> = wrapped.lines().filter(|l| !l.starts_with(' ')).collect();
            assert_eq!(starts.len(), PRESETS.len(), "{width}:\n{wrapped}");
            for (line, p) in starts.iter().zip(PRESETS.iter()) {
                assert!(line.split(' ').next() == Some(p.name), "{width}: {line}");
            }
        }
        // Wide enough for every line: the one-line form, byte for byte.
        let widest = one_line.lines().map(|l| l.chars().count()).max().unwrap();
        assert_eq!(text(Some(widest)), one_line);
    }
}
