//! Tests that run an outside program (curl, a shell, groff, a browser...) ask for exactly
//! what they use, before they use it. What is missing skips the test, saying so, on a
//! developer's machine, and fails it under CI (`CI` set: `.ci/run` installs everything).

use std::path::{Path, PathBuf};

/// Where `program` is on PATH, if it is there and executable.
pub fn find(program: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// Whether everything in `needs` is there: a name is a program on PATH, an absolute path
/// is a file (bash-completion's `/usr/share/bash-completion/bash_completion`, say). When
/// something is missing: panics under CI, else prints what and returns false, so the test
/// returns early and passes.
#[must_use]
pub fn have(needs: &[&str]) -> bool {
    let missing: Vec<&str> = needs
        .iter()
        .copied()
        .filter(|need| {
            if need.starts_with('/') {
                !Path::new(need).is_file()
            } else {
                find(need).is_none()
            }
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    let what = missing
        .iter()
        .map(|m| {
            if m.starts_with('/') {
                format!("{m} (not found)")
            } else {
                format!("{m} (not on PATH)")
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    skip(&format!(
        "this test needs {what}; install it to run the test (under CI it fails)"
    ));
    false
}

/// Skips the calling test, which then returns and passes, saying why; under CI (`CI` set,
/// after `.ci/run` installed everything) it fails the test instead, for a skip there would
/// hide a missing install. Every skip in the test binaries goes through here, so that each
/// one shows in plain `cargo test` output.
pub fn skip(why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set, so this test fails instead of skipping: {why}"
    );
    // Straight to the process's stderr: libtest captures eprintln! of a passing test and
    // shows it only with --nocapture, and a skip nobody sees is a silent pass.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
}

/// bash-completion's loader, which the bash completion test sources.
/// `PRESIGN_TEST_BASH_COMPLETION` moves it, so that a test can play a machine without it.
pub fn bash_completion() -> String {
    std::env::var("PRESIGN_TEST_BASH_COMPLETION")
        .unwrap_or_else(|_| "/usr/share/bash-completion/bash_completion".to_owned())
}
