//! Every command the documentation shows, run: each ```` ```sh ```` block of README.md and
//! docs/*.md that calls presign runs in bash, and each ```` ```console ```` block's `$ `
//! commands run and must print what the block shows under them.
//!
//! How the blocks run:
//! - `presign` on PATH is the built binary, behind a wrapper that logs each call and its exit
//!   code and signs as of `2026-01-01T00:00:00Z` (`--at`, added to every command that signs
//!   or reads a time, unless the command has its own), so printed URLs are fixed;
//! - HOME starts empty but for the files the docs themselves show: a ```` ```toml ```` or
//!   ```` ```ini ```` block whose first line is `# ~/PATH` is written to that path (a path
//!   shown twice is an error: the docs would disagree about it);
//! - the credentials are AWS's documented example keys in `PRESIGN_ACCESS_KEY` and
//!   `PRESIGN_SECRET_KEY`, and the working folder holds the files the examples name
//!   (`q3.pdf`, `keys.txt`, `etags.txt`, ...);
//! - programs that would reach a network, an account or a password store are stand-ins:
//!   `curl` records its arguments and sends nothing, answering an ETag where a line asks
//!   for the headers (tests/e2e sends presign's URLs to a real server), `aws configure export-credentials --format env` prints temporary example
//!   keys, `pass show` prints the example secret, and `cargo run --release -- ARGS` runs
//!   `presign ARGS`.
//!
//! An sh block passes when bash (`set -eo pipefail`) exits 0, presign was called at least as
//! often as the block names it, and every call exited 0. In a console block, `...` in the
//! shown output stands for any text. A block that cannot run here says why on the line
//! before it, `<!-- not run: REASON -->`; at most `MAX_NOT_RUN` may.

use crate::support::{docs, programs};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const AT: &str = "2026-01-01T00:00:00Z";
const AK: &str = "AKIAIOSFODNN7EXAMPLE";
const SK: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
/// Blocks that may say `<!-- not run: ... -->`.
const MAX_NOT_RUN: usize = 3;
/// At least this many presign calls: a parser that stopped finding blocks would run none
/// and pass.
const MIN_CALLS: usize = 50;

/// The files the examples name, in the working folder.
const FIXTURES: &[(&str, &str)] = &[
    ("q3.pdf", "%PDF-1.7\nQ3 report\n"),
    ("report.pdf", "%PDF-1.7\nreport\n"),
    (
        "keys.txt",
        "my-bucket/photos/1.jpg\nmy-bucket/photos/2.jpg\n",
    ),
    (
        "etags.txt",
        "1 \"3858f62230ac3c915f300c664312c63f\"\n2 \"5a1b1bb8c4ad1c4f5f3c1c2a1b3e4d5f\"\n",
    ),
    ("big.iso", "not really 20 GB\n"),
    ("backup.tar.gz", "backup\n"),
    ("f.csv", "owner,ci\n"),
    ("report.csv", "a,b\n"),
    ("photo.jpg", "JPEG\n"),
];

/// A fenced code block of a page.
struct Block {
    page: String,
    /// 1-based line of its opening fence.
    line: usize,
    lang: String,
    /// Its lines, without the fence's indentation.
    text: String,
    /// The reason of a `<!-- not run: REASON -->` line just before it.
    not_run: Option<String>,
}

impl Block {
    fn at(&self) -> String {
        format!("{}:{}", self.page, self.line)
    }
}

fn blocks(page: &docs::Page) -> Vec<Block> {
    let lines: Vec<&str> = page.text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        let Some(lang) = trimmed.strip_prefix("```") else {
            i += 1;
            continue;
        };
        let indent = lines[i].len() - trimmed.len();
        let start = i;
        let mut body = Vec::new();
        i += 1;
        while i < lines.len() && lines[i].trim_start() != "```" {
            let l = lines[i];
            body.push(if l.len() >= indent {
                &l[indent..]
            } else {
                l.trim_start()
            });
            i += 1;
        }
        i += 1;
        let before = lines[..start]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim());
        let not_run = before
            .and_then(|l| l.strip_prefix("<!-- not run:"))
            .and_then(|l| l.strip_suffix("-->"))
            .map(|r| r.trim().to_owned());
        found.push(Block {
            page: page.path.clone(),
            line: start + 1,
            lang: lang.trim().to_owned(),
            text: body.join("\n"),
            not_run,
        });
    }
    found
}

/// A line without its shell comment (a `#` at the start or after a blank).
fn without_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// How many times `text` runs presign: the word `presign` where a command starts (at the
/// start, after a blank, `(`, `|`, `;`, `&` or a quote) followed by an argument, and
/// `cargo run ... --`.
fn presign_calls(text: &str) -> usize {
    text.lines()
        .map(without_comment)
        .map(|line| {
            let mut n = line.matches("cargo run ").count();
            let mut rest = line;
            let mut offset = 0;
            while let Some(i) = rest.find("presign ") {
                let at = offset + i;
                let before = line[..at].chars().last();
                if before.is_none_or(|c| c.is_whitespace() || "(|;&\"'`".contains(c)) {
                    n += 1;
                }
                offset = at + "presign ".len();
                rest = &line[offset..];
            }
            n
        })
        .sum()
}

/// Whether `text` is what `pattern` shows, where `...` in the pattern stands for any text.
fn shows(pattern: &str, text: &str) -> bool {
    let pieces: Vec<&str> = pattern.split("...").collect();
    if pieces.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if !text.starts_with(first) || !text[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for piece in &pieces[1..pieces.len() - 1] {
        match rest.find(piece) {
            Some(i) => rest = &rest[i + piece.len()..],
            None => return false,
        }
    }
    true
}

/// The sandbox the blocks run in: a HOME, a working folder, stand-ins on PATH, a log.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new(pages: &[docs::Page]) -> Self {
        let s = Sandbox {
            dir: tempfile::tempdir().unwrap(),
        };
        for d in ["home", "work", "bin"] {
            std::fs::create_dir(s.path(d)).unwrap();
        }
        std::fs::write(s.path("log"), "").unwrap();
        for (name, text) in FIXTURES {
            std::fs::write(s.path("work").join(name), text).unwrap();
        }
        s.write_home_files(pages);
        s.write_stand_ins();
        s
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn home(&self) -> PathBuf {
        self.path("home")
    }

    /// The files the docs show under a `# ~/PATH` first line, each written once.
    fn write_home_files(&self, pages: &[docs::Page]) {
        let mut written: Vec<(String, String)> = Vec::new();
        for page in pages {
            for block in blocks(page) {
                if block.lang != "toml" && block.lang != "ini" {
                    continue;
                }
                let first = block.text.lines().next().unwrap_or("");
                let Some(path) = first
                    .strip_prefix("# ~/")
                    .map(|p| p.split_whitespace().next().unwrap_or(""))
                else {
                    continue;
                };
                if let Some((_, at)) = written.iter().find(|(p, _)| p == path) {
                    panic!("{} shows ~/{path} again (first at {at})", block.at());
                }
                let file = self.home().join(path);
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                std::fs::write(&file, format!("{}\n", block.text)).unwrap();
                set_mode(&file, 0o600);
                written.push((path.to_owned(), block.at()));
            }
        }
    }

    fn write_stand_ins(&self) {
        let bin = self.path("bin");
        let log = self.path("log");
        let real = assert_cmd::cargo::cargo_bin("presign");
        let script = |name: &str, text: String| {
            let p = bin.join(name);
            std::fs::write(&p, text).unwrap();
            set_mode(&p, 0o755);
        };
        script(
            "presign",
            format!(
                r#"#!/bin/sh
# presign as the docs run it: signs as of {AT} unless the command says --at; logs each call.
when=none
for a in "$@"; do
    case $a in
        --at|--at=*) when=given ;;
        get|head|put|delete|multipart|list|copy|post|inspect|verify) [ $when = none ] && when=fixed ;;
    esac
done
[ $when = fixed ] && set -- --at {AT} "$@"
{real} "$@"
rc=$?
printf '%s presign %s\n' "$rc" "$*" >> {log}
exit $rc
"#,
                real = sh_quote(&real.to_string_lossy()),
                log = sh_quote(&log.to_string_lossy()),
            ),
        );
        script(
            "curl",
            format!(
                r#"#!/bin/sh
# Sends nothing: records the call, reads a body given on stdin, and answers an ETag
# where the headers are asked for (a part's upload).
case " $* " in *@-*|*" --upload-file - "*) cat > /dev/null ;; esac
case " $* " in *" --dump-header - "*) printf 'HTTP/1.1 200 OK\r\nETag: "3858f62230ac3c915f300c664312c63f"\r\n\r\n' ;; esac
printf 'curl %s\n' "$*" >> {log}
"#,
                log = sh_quote(&format!("{}.curl", log.to_string_lossy())),
            ),
        );
        script(
            "aws",
            format!(
                r#"#!/bin/sh
# `aws configure export-credentials --format env`, with temporary example keys.
case "$1 $2 $*" in
    "configure export-credentials "*"--format env"*)
        echo "export AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE"
        echo "export AWS_SECRET_ACCESS_KEY={SK}"
        echo "export AWS_SESSION_TOKEN=EXAMPLE-SESSION-TOKEN"
        echo "export AWS_CREDENTIAL_EXPIRATION=2026-01-01T12:00:00+00:00" ;;
    *) echo "the docs test's aws does export-credentials --format env only: $*" >&2; exit 2 ;;
esac
"#
            ),
        );
        script(
            "pass",
            format!(
                "#!/bin/sh\n# `pass show NAME`: the example secret.\n[ \"$1\" = show ] && echo '{SK}'\n"
            ),
        );
        script(
            "cargo",
            r#"#!/bin/sh
# `cargo run [--release] -- ARGS` is `presign ARGS`.
[ "$1" = run ] || { echo "the docs test's cargo does cargo run only: $*" >&2; exit 2; }
while [ $# -gt 0 ] && [ "$1" != -- ]; do shift; done
shift
exec presign "$@"
"#
            .to_owned(),
        );
    }

    /// bash running `script` in the working folder, with stdout and stderr.
    fn bash(&self, script: &str) -> (i32, String, String) {
        let path = format!(
            "{}:{}",
            self.path("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-c", script])
            .current_dir(self.path("work"))
            .env_clear()
            .env("PATH", path)
            .env("HOME", self.home())
            .env("LANG", "C.UTF-8")
            .env("PRESIGN_ACCESS_KEY", AK)
            .env("PRESIGN_SECRET_KEY", SK)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// The presign calls logged since `from` lines: (exit code, command line).
    fn calls(&self, from: usize) -> Vec<(i32, String)> {
        std::fs::read_to_string(self.path("log"))
            .unwrap()
            .lines()
            .skip(from)
            .map(|l| {
                let (rc, cmd) = l.split_once(' ').unwrap();
                (rc.parse().unwrap(), cmd.to_owned())
            })
            .collect()
    }

    /// Runs an sh block; the problems found.
    fn run_sh(&self, block: &Block) -> Vec<String> {
        let before = self.calls(0).len();
        let (code, stdout, stderr) = self.bash(&format!("set -eo pipefail\n{}\n", block.text));
        let calls = self.calls(before);
        let mut problems = Vec::new();
        if code != 0 {
            problems.push(format!("bash exited {code}"));
        }
        let named = presign_calls(&block.text);
        if calls.len() < named {
            problems.push(format!(
                "presign ran {} times; the block calls it {named} times",
                calls.len()
            ));
        }
        for (rc, cmd) in calls.iter().filter(|(rc, _)| *rc != 0) {
            problems.push(format!("exit {rc}: {cmd}"));
        }
        if !problems.is_empty() {
            problems.push(format!("stdout:\n{stdout}\nstderr:\n{stderr}"));
        }
        problems
    }

    /// Runs a console block's `$ ` commands in one bash, stderr merged into stdout as a
    /// terminal shows them; the problems found.
    fn run_console(&self, block: &Block) -> Vec<String> {
        let mut commands: Vec<(String, Vec<&str>)> = Vec::new();
        let mut continued = false;
        for line in block.text.lines() {
            if continued {
                let (command, _) = commands.last_mut().unwrap();
                command.push('\n');
                command.push_str(line);
                continued = line.ends_with('\\');
            } else if let Some(command) = line.strip_prefix("$ ") {
                commands.push((command.to_owned(), Vec::new()));
                continued = command.ends_with('\\');
            } else if let Some((_, shown)) = commands.last_mut() {
                shown.push(line);
            } else {
                return vec![format!("output before the first `$ ` command: {line:?}")];
            }
        }
        let mut script = String::from("exec 2>&1\n");
        for (i, (command, _)) in commands.iter().enumerate() {
            script.push_str(&format!("printf '\\n@@{i}@@\\n'\n{command}\n"));
        }
        script.push_str(&format!("printf '\\n@@{}@@\\n'\n", commands.len()));
        let (_, out, _) = self.bash(&script);
        let mut problems = Vec::new();
        for (i, (command, shown)) in commands.iter().enumerate() {
            let start = format!("\n@@{i}@@\n");
            let end = format!("\n@@{}@@\n", i + 1);
            let Some(got) = out
                .split_once(&start)
                .and_then(|(_, rest)| rest.split_once(&end))
                .map(|(got, _)| got.trim_end_matches('\n'))
            else {
                problems.push(format!("$ {command}: no output of its own in:\n{out}"));
                break;
            };
            let shown = shown.join("\n");
            if !shows(shown.trim_end_matches('\n'), got) {
                problems.push(format!(
                    "$ {command}\n--- the docs show:\n{shown}\n--- it prints:\n{got}"
                ));
            }
        }
        problems
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Straight to the process's stderr, past libtest's capture: what the test ran.
fn say(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}

#[test]
fn every_command_the_docs_show_runs_and_prints_what_they_show() {
    if !programs::have(&["bash"]) {
        return;
    }
    let pages = docs::pages();
    let sandbox = Sandbox::new(&pages);
    let mut failures = Vec::new();
    let mut not_run = Vec::new();
    let mut ran = Vec::new();
    for page in &pages {
        let (calls_before, mut sh_blocks, mut console_blocks) = (sandbox.calls(0).len(), 0, 0);
        for block in blocks(page) {
            let runs = match block.lang.as_str() {
                "sh" => presign_calls(&block.text) > 0,
                "console" => true,
                _ => false,
            };
            if let Some(reason) = &block.not_run {
                assert!(
                    runs,
                    "{}: marked not run, but it shows no presign command",
                    block.at()
                );
                not_run.push(format!("{} ({reason})", block.at()));
                continue;
            }
            if !runs {
                continue;
            }
            let problems = if block.lang == "sh" {
                sh_blocks += 1;
                sandbox.run_sh(&block)
            } else {
                console_blocks += 1;
                sandbox.run_console(&block)
            };
            if !problems.is_empty() {
                failures.push(format!(
                    "{} ({} block):\n{}\n{}",
                    block.at(),
                    block.lang,
                    block.text,
                    problems.join("\n")
                ));
            }
        }
        let calls = sandbox.calls(calls_before).len();
        ran.push(format!(
            "{}: {sh_blocks} sh and {console_blocks} console blocks, {calls} presign calls",
            page.path
        ));
    }
    let calls = sandbox.calls(0).len();
    say(&format!(
        "docs: {}; {calls} presign calls in all; not run: {}",
        ran.join("; "),
        if not_run.is_empty() {
            "none".to_owned()
        } else {
            not_run.join(", ")
        }
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(
        not_run.len() <= MAX_NOT_RUN,
        "{} blocks are not run (at most {MAX_NOT_RUN}): {not_run:?}",
        not_run.len()
    );
    assert!(calls >= MIN_CALLS, "only {calls} presign calls ran");
}

/// The README's completion lines install each script on a HOME that has none of the
/// folders, and what they write is the shell's completion script.
#[test]
fn readme_completion_lines_install_on_an_empty_home() {
    if !programs::have(&["bash"]) {
        return;
    }
    let pages = docs::pages();
    let readme = pages.iter().find(|p| p.path == "README.md").unwrap();
    let block = blocks(readme)
        .into_iter()
        .find(|b| b.lang == "sh" && b.text.contains("presign completions bash"))
        .expect("the README shows how to install the completions");
    let sandbox = Sandbox::new(&[]);
    let problems = sandbox.run_sh(&block);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let home = sandbox.home();
    for (path, starts) in [
        (
            ".local/share/bash-completion/completions/presign",
            "_presign()",
        ),
        (".zfunc/_presign", "#compdef presign"),
        (
            ".config/fish/completions/presign.fish",
            "# Print an optspec",
        ),
        (".local/share/man/man1/presign.1", ".ie"),
    ] {
        let text = std::fs::read_to_string(home.join(path)).unwrap_or_default();
        assert!(
            !text.is_empty() && text.starts_with(starts),
            "~/{path}: {:?}",
            &text[..text.len().min(80)]
        );
    }
}

#[test]
fn shows_matches_the_elided_output_of_the_docs() {
    assert!(shows("a...c", "abc"));
    assert!(shows("a...c", "ac"));
    assert!(shows("https://h/k?...&X=1&...", "https://h/k?A=0&X=1&S=2"));
    assert!(!shows("https://h/k?...&X=1&...", "https://h/k?A=0&X=2&S=2"));
    assert!(shows("one\n...\nfour", "one\ntwo\nthree\nfour"));
    assert!(!shows("abc", "abcd"));
    assert_eq!(
        presign_calls("curl \"$(presign put b/k)\" # presign get"),
        1
    );
    assert_eq!(presign_calls("presign get - | xargs presign verify"), 2);
    assert_eq!(presign_calls("cat ~/.zfunc/_presign presign.1"), 0);
}

/// GitHub's anchor for a heading: lower case, punctuation but `-` and `_` dropped, spaces
/// as `-`.
fn anchor(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a Markdown file's headings (code blocks left out).
fn anchors(text: &str) -> Vec<String> {
    let mut in_code = false;
    let mut found = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        let level = line.bytes().take_while(|&b| b == b'#').count();
        if !in_code && (1..=6).contains(&level) && line[level..].starts_with(' ') {
            found.push(anchor(line[level..].trim()));
        }
    }
    found
}

/// Every link of the docs that stays in the repository leads to a file that exists, and to
/// a heading of it: README.md, docs/*.md, tests/README.md and the packages' READMEs (the
/// Python package's links are absolute, for PyPI, and point at the repository's main
/// branch; the Node package's are relative).
#[test]
fn links_lead_to_files_and_headings_that_exist() {
    let root = docs::root();
    let mut sources: Vec<(String, String)> = docs::pages()
        .into_iter()
        .map(|p| (p.path, p.text))
        .collect();
    for extra in [
        "tests/README.md",
        "bindings/python/README.md",
        "bindings/node/README.md",
    ] {
        sources.push((
            extra.to_owned(),
            std::fs::read_to_string(root.join(extra)).unwrap(),
        ));
    }
    const REPOSITORY: &str = "https://github.com/presign-s3/presign/blob/main/";
    let mut broken = Vec::new();
    let mut checked = 0;
    for (path, text) in &sources {
        let dir = Path::new(path).parent().unwrap();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("](") {
            rest = &rest[i + 2..];
            let Some(end) = rest.find(')') else { break };
            let target = &rest[..end];
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let file = if let Some(f) = file.strip_prefix(REPOSITORY) {
                PathBuf::from(f)
            } else if file.contains("://") {
                continue;
            } else if file.is_empty() {
                PathBuf::from(path)
            } else {
                dir.join(file)
            };
            checked += 1;
            let Ok(linked) = std::fs::read_to_string(root.join(&file)) else {
                if !root.join(&file).exists() {
                    broken.push(format!("{path}: {target}: no {}", file.display()));
                }
                continue;
            };
            if !anchor.is_empty() && !anchors(&linked).iter().any(|a| a == anchor) {
                broken.push(format!("{path}: {target}: no heading #{anchor}"));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    assert!(checked > 50, "only {checked} links");
}

/// The variables a file's Rust source names as string literals: `"PRESIGN_..."`, `"AWS_..."`.
fn variables_named_in(dir: &Path, found: &mut std::collections::BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            variables_named_in(&path, found);
            continue;
        }
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for piece in text.split('"').skip(1).step_by(2) {
            let is_name = piece
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
            let prefixed = piece.starts_with("PRESIGN_") || piece.starts_with("AWS_");
            if is_name && prefixed && !piece.ends_with('_') {
                found.insert(piece.to_owned());
            }
        }
    }
}

/// docs/configuration.md's table of variables (between its `environment` markers) names
/// every `PRESIGN_*` and `AWS_*` variable the command line's code and the settings chain
/// read, and no other.
#[test]
fn the_environment_table_names_every_variable_the_code_reads() {
    let mut read = std::collections::BTreeSet::new();
    variables_named_in(&docs::root().join("src/cli"), &mut read);
    variables_named_in(&docs::root().join("src/settings"), &mut read);
    let table = docs::between("environment");
    // A row may name one variable or several (`A`, `B`).
    let documented: std::collections::BTreeSet<String> = docs::table(&table.text)
        .into_iter()
        .flat_map(|cells| {
            cells[0]
                .split(',')
                .map(|name| name.trim().trim_matches('`').to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|name| name.starts_with("PRESIGN_") || name.starts_with("AWS_"))
        .collect();
    assert!(read.len() >= 20, "{read:?}");
    assert_eq!(
        documented, read,
        "the table of {} against src/cli and src/settings",
        table.page
    );
}
