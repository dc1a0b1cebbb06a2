//! The user documentation as test data: README.md and docs/*.md, read when the test runs.
//! Tests find what they check by its heading or its markers, whichever page holds it, so a
//! section can move between pages without a test changing, and an edit of the docs needs
//! no rebuild.
//!
//! Used by tests/cli/errors.rs (the error table), providers.rs (the providers table),
//! completions.rs and basics.rs (the exit codes, the --help sentences) and docs.rs (every
//! command shown).

use std::path::{Path, PathBuf};

/// One page of the documentation.
pub struct Page {
    /// The path from the repository root, as links and messages write it: `README.md`,
    /// `docs/guide.md`.
    pub path: String,
    pub text: String,
}

/// A part of a page: a section under its heading, or the text between two markers.
pub struct Part {
    pub page: String,
    pub text: String,
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md, then every `docs/*.md` in name order.
pub fn pages() -> Vec<Page> {
    let root = root();
    let mut paths = vec![PathBuf::from("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| Path::new("docs").join(p.file_name().unwrap()))
        .collect();
    docs.sort();
    paths.extend(docs);
    paths
        .into_iter()
        .map(|p| Page {
            text: std::fs::read_to_string(root.join(&p))
                .unwrap_or_else(|e| panic!("{}: {e}", p.display())),
            path: p.to_string_lossy().into_owned(),
        })
        .collect()
}

/// Every page's text, one after the other: for sentences that may be on any page.
pub fn all_text() -> String {
    pages()
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The level and title of a Markdown heading line (`## Exit codes` is 2, "Exit codes").
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    let title = line[level..].strip_prefix(' ')?;
    (1..=6).contains(&level).then_some((level, title.trim()))
}

/// The lines of `text` with, for each, whether it is inside a fenced code block (a `#`
/// there is a shell comment, not a heading).
fn lines_outside_code(text: &str) -> Vec<(bool, &str)> {
    let mut in_code = false;
    text.lines()
        .map(|line| {
            let fence = line.trim_start().starts_with("```");
            let code = in_code || fence;
            if fence {
                in_code = !in_code;
            }
            (code, line)
        })
        .collect()
}

/// Every section titled exactly `title`, on any page: the text under its heading up to the
/// next heading of the same or a higher level.
pub fn sections(title: &str) -> Vec<Part> {
    let mut found = Vec::new();
    for page in pages() {
        let lines = lines_outside_code(&page.text);
        let mut i = 0;
        while i < lines.len() {
            let (code, line) = lines[i];
            i += 1;
            let Some((level, t)) = heading(line).filter(|_| !code) else {
                continue;
            };
            if t != title {
                continue;
            }
            let body: Vec<&str> = lines[i..]
                .iter()
                .take_while(|(code, l)| *code || heading(l).is_none_or(|(lv, _)| lv > level))
                .map(|(_, l)| *l)
                .collect();
            found.push(Part {
                page: page.path.clone(),
                text: body.join("\n"),
            });
        }
    }
    found
}

/// The one section titled `title` in the documentation.
pub fn section(title: &str) -> Part {
    let mut found = sections(title);
    assert_eq!(
        found.len(),
        1,
        "the docs should have one section titled {title:?}, not {} (in {:?})",
        found.len(),
        found.iter().map(|p| &p.page).collect::<Vec<_>>()
    );
    found.pop().unwrap()
}

/// The text between `<!-- NAME:start -->` and `<!-- NAME:end -->`: one pair, on one page.
pub fn between(name: &str) -> Part {
    let start = format!("<!-- {name}:start -->");
    let end = format!("<!-- {name}:end -->");
    let found: Vec<Part> = pages()
        .into_iter()
        .filter_map(|page| {
            let s = page.text.find(&start)?;
            let e = page.text[s..]
                .find(&end)
                .unwrap_or_else(|| panic!("{}: {start} without {end}", page.path));
            Some(Part {
                text: page.text[s + start.len()..s + e].to_owned(),
                page: page.path,
            })
        })
        .collect();
    assert_eq!(found.len(), 1, "the docs should hold {start} once");
    found.into_iter().next().unwrap()
}

/// The rows of the first Markdown table in `text`, header and separator left out, each
/// split into its trimmed cells.
pub fn table(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(cells)
        .collect()
}

/// The cells of one table row: split at each `|` that is not escaped as `\|`, which stays
/// in its cell as written.
pub fn cells(row: &str) -> Vec<String> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row.strip_suffix('|').unwrap_or(row);
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in row.chars() {
        if c == '|' && !escaped {
            cells.push(String::new());
        } else {
            cells.last_mut().unwrap().push(c);
        }
        escaped = c == '\\';
    }
    cells.iter().map(|c| c.trim().to_owned()).collect()
}
