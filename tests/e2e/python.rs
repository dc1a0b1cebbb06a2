//! The Python package's tests, run by `cargo test`: a venv under target/ gets the package
//! (`pip install ./bindings/python`, as on a fresh machine: maturin comes through the
//! build backend), boto3/botocore 1.44.8, pytest and mypy; then pytest runs
//! bindings/python/tests against it, with a real s3s-fs server on 127.0.0.1 for the
//! URLs-that-work tests.
//!
//! Needs python3 with venv and pip, and network access (or pip's cache) for the first
//! install. Without them the test says so and passes, except under CI (the `CI` variable
//! set), where it fails.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::s3_server::{ACCESS_KEY, S3Server, SECRET_KEY};

/// What pytest needs besides the package; pinned so the comparison is with the botocore
/// the golden cases were made with.
const REQUIREMENTS: [&str; 4] = [
    "boto3==1.44.8",
    "botocore==1.44.8",
    "pytest==9.2.0",
    "mypy==2.4.1",
];

fn run(command: &mut Command, what: &str) -> bool {
    match command.status() {
        Ok(status) if status.success() => true,
        Ok(status) => panic!("{what} failed: {status}"),
        Err(e) => panic!("{what}: cannot start it: {e}"),
    }
}

/// Every file the built package depends on, with its modification time: the package is
/// rebuilt when one changes.
fn sources_stamp(root: &Path) -> String {
    let mut stamp = Vec::new();
    let mut stack = vec![
        root.join("src"),
        root.join("Cargo.toml"),
        root.join("bindings/python/src"),
        root.join("bindings/python/python"),
        root.join("bindings/python/Cargo.toml"),
        root.join("bindings/python/pyproject.toml"),
    ];
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            for entry in std::fs::read_dir(&path).into_iter().flatten().flatten() {
                stack.push(entry.path());
            }
        } else if let Ok(modified) = meta.modified() {
            stamp.push(format!("{} {:?}", path.display(), modified));
        }
    }
    stamp.sort();
    stamp.join("\n")
}

#[test]
fn python_package_tests() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    // python3 itself (or $PYTHON), then its venv module below: what the test uses.
    if !support::programs::have(&[&python]) {
        return;
    }
    let venv = root.join("target/python-venv");
    let venv_python = venv.join("bin/python");
    if !venv_python.exists() {
        let made = Command::new(&python)
            .args(["-m", "venv"])
            .arg(&venv)
            .status();
        if !matches!(made, Ok(s) if s.success()) || !venv_python.exists() {
            let _ = std::fs::remove_dir_all(&venv);
            return support::programs::skip(&format!(
                "the Python tests need a working venv module, and {python} -m venv fails (Debian: apt-get install python3-venv)"
            ));
        }
    }
    let pip = |args: &[&str]| {
        let mut c = Command::new(&venv_python);
        c.args(["-m", "pip", "--disable-pip-version-check", "-q"])
            .args(args);
        c
    };
    let requirements = venv.join(".presign-requirements");
    let wanted = REQUIREMENTS.join("\n");
    if std::fs::read_to_string(&requirements).ok().as_deref() != Some(&wanted) {
        run(
            pip(&["install"]).args(REQUIREMENTS),
            "pip install of the test requirements",
        );
        std::fs::write(&requirements, &wanted).expect("write the requirements stamp");
    }
    let built = venv.join(".presign-built");
    let stamp = sources_stamp(&root);
    if std::fs::read_to_string(&built).ok().as_deref() != Some(&stamp) {
        // What the README tells a user to run; CARGO_TARGET_DIR keeps the build
        // incremental and under target/.
        run(
            pip(&["install", "--force-reinstall", "--no-deps"])
                .arg(root.join("bindings/python"))
                .env("CARGO_TARGET_DIR", root.join("target/python")),
            "pip install ./bindings/python",
        );
        std::fs::write(&built, &stamp).expect("write the build stamp");
    }

    let server = S3Server::start(&["py-bucket", "py-other"]);
    let mut pytest = Command::new(&venv_python);
    pytest
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(root.join("bindings/python/tests"))
        // For a developer: `PRESIGN_PYTEST_ARGS="-x -k server" cargo test --test e2e python::`.
        .args(
            std::env::var("PRESIGN_PYTEST_ARGS")
                .unwrap_or_default()
                .split_whitespace(),
        )
        .current_dir(&root)
        .env("PRESIGN_TEST_S3_ENDPOINT", server.endpoint())
        .env("PRESIGN_TEST_S3_PORT", server.port.to_string())
        .env("PRESIGN_TEST_S3_ACCESS_KEY", ACCESS_KEY)
        .env("PRESIGN_TEST_S3_SECRET_KEY", SECRET_KEY)
        // Where s3s-fs keeps py-bucket's objects: the tests check the bytes that landed.
        .env(
            "PRESIGN_TEST_S3_BUCKET_DIR",
            server.object_path("py-bucket", ""),
        )
        // The CLI, so the tests can hold the package's messages to the CLI's own.
        .env("PRESIGN_TEST_CLI", env!("CARGO_BIN_EXE_presign"))
        .env("PRESIGN_TEST_HARNESS", "1");
    run(&mut pytest, "pytest bindings/python/tests");
    drop(server);
}
