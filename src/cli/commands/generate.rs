//! `presign completions SHELL` and `presign man`: made at run time from the clap
//! definition in `args`, so they cannot drift from what the parser accepts. Packagers
//! run the installed binary; nothing is generated at build time. Neither reads any
//! configuration: they work on a machine with no credentials.

use crate::cli::args::{self, Args, EXAMPLES, EXIT_CODES, Purpose};
use crate::cli::config::reference;
use crate::cli::failure::Failure;
use crate::cli::output::write_bytes;
use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::Man;
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};
use std::io::{self, Write};

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell) -> Result<(), Failure> {
    let mut out = Vec::new();
    let mut cmd = args::command(Purpose::Document);
    clap_complete::generate(shell, &mut cmd, "presign", &mut out);
    if shell == Shell::Fish {
        out.extend_from_slice(fish_positional_values(&cmd).as_bytes());
    }
    write_bytes(&out)
}

/// Prints the man page.
pub fn man() -> Result<(), Failure> {
    write_bytes(&man_page())
}

/// clap_complete's fish script completes the values of options only, so `presign
/// completions <Tab>` would offer file names: this adds the values of the positional
/// arguments of the top-level commands, with the condition function the script defines.
fn fish_positional_values(cmd: &clap::Command) -> String {
    let mut lines = String::new();
    for sub in cmd.get_subcommands() {
        for arg in sub.get_positionals() {
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_owned())
                .collect();
            if !values.is_empty() {
                lines.push_str(&format!(
                    "complete -c presign -n \"__fish_presign_using_subcommand {}\" -f -a \"{}\"\n",
                    sub.get_name(),
                    values.join(" ")
                ));
            }
        }
    }
    lines
}

/// One page for the whole tool: the connection and signing options, then every command
/// with its own options (clap_mangen alone would refer to `presign-get(1)` pages that do
/// not exist), the variables and files presign reads (`config::reference`), the examples
/// of `--help` and quick starts, and the exit codes.
fn man_page() -> Vec<u8> {
    let cmd = args::command(Purpose::Document);
    let man = Man::new(cmd.clone());
    let mut page = APOSTROPHE.concat();
    let parts: [Part; 4] = [
        Man::render_title,
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
    ];
    for part in parts {
        page.push_str(&rendered(&man, part));
    }
    page.push_str(&options_section(&man));
    let mut commands = Roff::new();
    commands.control("SH", ["COMMANDS"]);
    page.push_str(&commands.to_roff());
    // Each command with its own options only, as `Args` defines it: `args::command`
    // copies the connection options to the commands that sign, and they are listed once,
    // above.
    let own = Args::command();
    for (path, sub) in leaf_commands(&own) {
        let top = path.split(' ').next().unwrap_or_default();
        page.push_str(&command_section(&path, sub, args::SIGNING.contains(&top)));
    }
    page.push_str(&environment_and_files());
    page.push_str(&examples());
    page.push_str(&exit_status());
    page.push_str(&rendered(&man, Man::render_version_section));
    page.into_bytes()
}

/// OPTIONS (`-h`, `-V`), then the connection and signing options under their heading,
/// with which commands take them.
fn options_section(man: &Man) -> String {
    let heading = format!(".SH {}\n", quoted(&args::CONNECTION.to_uppercase()));
    let text = rendered(man, Man::render_options_section);
    // `config` takes them too, to show what the others would use.
    let signing: Vec<&str> = args::SIGNING
        .iter()
        .copied()
        .filter(|c| *c != "config")
        .collect();
    let (signing_last, signing) = signing.split_last().unwrap_or((&"", &[]));
    let (quiet_last, quiet) = args::NOT_SIGNING.split_last().unwrap_or((&"", &[]));
    let mut intro = Roff::new();
    intro.control("PP", []).text([roman(format!(
        "The commands that sign ({} and {signing_last}), and config, which shows what they would use, take these options before or after their name. {} and {quiet_last} sign nothing and refuse them; inspect has an --at and an --endpoint of its own.",
        signing.join(", "),
        quiet.join(", "),
    ))]);
    match text.split_once(&heading) {
        Some((before, after)) => format!("{before}{heading}{}{after}", intro.to_roff()),
        None => text,
    }
}

/// A `.SH` argument as the roff crate writes it: quoted when it has a space.
fn quoted(text: &str) -> String {
    if text.contains(' ') {
        format!("\"{text}\"")
    } else {
        text.to_owned()
    }
}

/// Every command that does something, with its full name: `get`, ..., `multipart part`.
fn leaf_commands(cmd: &clap::Command) -> Vec<(String, &clap::Command)> {
    let mut leaves = Vec::new();
    for sub in cmd.get_subcommands() {
        if sub.has_subcommands() {
            for (path, leaf) in leaf_commands(sub) {
                leaves.push((format!("{} {path}", sub.get_name()), leaf));
            }
        } else {
            leaves.push((sub.get_name().to_owned(), sub));
        }
    }
    leaves
}

/// `.SS presign PATH`, its synopsis, what it does and its options, grouped under their
/// headings as in its `--help`. clap_mangen renders each part as a whole section, and
/// each heading of options as one more: the `.SH` lines are dropped or made sub-headings,
/// so that the parts nest here.
fn command_section(path: &str, sub: &clap::Command, signs: bool) -> String {
    let bin = format!("presign {path}");
    // `-h, --help` is on every command: the page lists it once, under OPTIONS.
    let man = Man::new(sub.clone().bin_name(&bin).disable_help_flag(true));
    let mut heading = Roff::new();
    heading.control("SS", [bin.as_str()]);
    let mut out = heading.to_roff();
    let parts: [Part; 2] = [
        Man::render_synopsis_section,
        Man::render_description_section,
    ];
    for part in parts {
        let text = rendered(&man, part);
        out.push_str(&nested(&text, sub));
    }
    if signs {
        let mut also = Roff::new();
        also.control("PP", []).text([roman(format!(
            "Also the {} options above, before or after the command's name.",
            args::CONNECTION.to_lowercase()
        ))]);
        out.push_str(&also.to_roff());
    }
    out.push_str(&nested(&rendered(&man, Man::render_options_section), sub));
    out
}

/// clap_mangen's sections made parts of one command's: `.SH OPTIONS` (or another name
/// clap_mangen gives a part of its own) becomes a paragraph break, `.SH HEADING` for a
/// heading of `sub`'s options a paragraph that names it, as `--help` does. Empty parts
/// are dropped.
fn nested(text: &str, sub: &clap::Command) -> String {
    let headings: Vec<&str> = sub
        .get_arguments()
        .filter_map(|a| a.get_help_heading())
        .collect();
    let mut out = String::new();
    let mut chunks = text.split("\n.SH ");
    let first = chunks.next().unwrap_or_default();
    let first = first.strip_prefix(".SH ").map_or(first, |rest| rest);
    let mut sections = vec![first];
    sections.extend(chunks);
    for section in sections {
        let (name, body) = section.split_once('\n').unwrap_or((section, ""));
        if body.trim().is_empty() {
            continue;
        }
        let name = name.trim_matches('"');
        let mut roff = Roff::new();
        roff.control("PP", []);
        if let Some(heading) = headings.iter().find(|h| h.to_uppercase() == name) {
            roff.text([bold(format!("{heading}:"))]);
        }
        out.push_str(&roff.to_roff());
        out.push_str(body);
        if !body.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

type Part = fn(&Man, &mut dyn Write) -> io::Result<()>;

/// The lines that define `\*(Aq` (an apostrophe that groff does not turn into a quote);
/// clap_mangen starts every part with them, and the page needs them once, at the top.
const APOSTROPHE: [&str; 2] = [".ie \\n(.g .ds Aq \\(aq\n", ".el .ds Aq '\n"];

/// One part of a page, as roff text, without the apostrophe definition.
fn rendered(man: &Man, part: Part) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail: the io::Result is the signature's only.
    let _ = part(man, &mut buf);
    let text = String::from_utf8_lossy(&buf);
    text.split_inclusive('\n')
        .filter(|line| !APOSTROPHE.contains(line))
        .collect()
}

/// Quick starts for the providers people use most, after the examples of `--help`.
/// Each is run by tests/cli/completions.rs (`$ACCOUNT_ID` set to an R2 account id).
const QUICK_STARTS: &str = "\
# Storj: S3 credentials from the Storj console; the endpoint is a preset:
presign get my-bucket/backup.tar.gz --endpoint storj:us1
# AWS: keys from ~/.aws/credentials or AWS_ACCESS_KEY_ID sign for AWS S3:
presign get my-bucket/photo.jpg --region eu-west-1
# Cloudflare R2, with the account id of the R2 dashboard:
presign put my-bucket/q3.pdf --endpoint r2:$ACCOUNT_ID
# Any S3 server (MinIO, Ceph, Garage, ...), by its URL:
presign get my-bucket/photo.jpg --endpoint https://s3.example.com:9000";

/// ENVIRONMENT and FILES, from the table of `config::reference`: each row a tagged
/// paragraph, its names (or path) as the tag.
fn environment_and_files() -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["ENVIRONMENT"])
        .control("PP", [])
        .text(inlines(reference::ORDER));
    for v in &reference::VARIABLES {
        let names: Vec<String> = v.names.iter().map(|n| format!("`{n}`")).collect();
        roff.control("TP", [])
            .text(inlines(&names.join(", ")))
            .text(inlines(&format!("{} {}", v.sets, v.precedence)));
    }
    roff.control("SH", ["FILES"]);
    for f in &reference::FILES {
        roff.control("TP", [])
            .text([italic(f.path)])
            .text(inlines(&format!(
                "{} Elsewhere with: {}.",
                f.holds, f.moved_by
            )));
    }
    roff.to_roff()
}

/// Text whose `code` spans (between backticks) are set in bold.
fn inlines(text: &str) -> Vec<Inline> {
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| if i % 2 == 1 { bold(part) } else { roman(part) })
        .collect()
}

/// EXAMPLES: those of `--help`, then the quick starts.
fn examples() -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]).control("nf", []);
    for line in EXAMPLES.lines().skip(1) {
        roff.text([roman(line.strip_prefix("  ").unwrap_or(line))]);
    }
    roff.text([roman("")]);
    for line in QUICK_STARTS.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    roff.to_roff()
}

/// EXIT STATUS, from the same text as `--help`'s: one tagged paragraph per code (`  N
/// text`, continued on lines indented further).
fn exit_status() -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for line in EXIT_CODES.lines().skip(1) {
        let line = line.trim();
        match line.split_once("  ") {
            Some((code, text)) if code.bytes().all(|b| b.is_ascii_digit()) => {
                roff.control("TP", [])
                    .text([bold(code)])
                    .text([roman(text)]);
            }
            _ => {
                roff.text([roman(line)]);
            }
        }
    }
    roff.to_roff()
}
