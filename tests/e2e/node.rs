//! The Node package's tests, run by `cargo test`: the addon is built as the README tells
//! a user (`node bindings/node/build.mjs`, a debug build here, with cargo alone), then
//! Node's own test runner runs bindings/node/test against it, with a real s3s-fs server
//! on 127.0.0.1 for the URLs-that-work tests, boto3 1.44.8 in a venv under target/ for
//! the random cases, and TypeScript under target/ for the type checks.
//!
//! Needs node and npm, python3 with venv and pip, and network access (or the caches) for
//! the first install. Without them the test says so and passes, except under CI (the `CI`
//! variable set), where it fails.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::s3_server::{ACCESS_KEY, S3Server, SECRET_KEY};

/// What the random cases compare with, pinned as the golden cases were made.
const PYTHON_REQUIREMENTS: [&str; 2] = ["boto3==1.44.8", "botocore==1.44.8"];
/// What the type checks compile the README's examples with.
const NPM_REQUIREMENTS: [&str; 2] = ["typescript@5.9.3", "@types/node@20.19.25"];

fn run(command: &mut Command, what: &str) {
    match command.status() {
        Ok(status) if status.success() => {}
        Ok(status) => panic!("{what} failed: {status}"),
        Err(e) => panic!("{what}: cannot start it: {e}"),
    }
}

/// Runs `install` once per `wanted` list, remembered in `stamp`.
fn once(stamp: &Path, wanted: &str, install: impl FnOnce()) {
    if std::fs::read_to_string(stamp).ok().as_deref() != Some(wanted) {
        install();
        std::fs::write(stamp, wanted).expect("write the install stamp");
    }
}

/// boto3 in target/node-venv, for the random cases; its python.
fn boto3(root: &Path) -> Option<PathBuf> {
    let venv = root.join("target/node-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status();
        if !matches!(made, Ok(s) if s.success()) || !python.exists() {
            let _ = std::fs::remove_dir_all(&venv);
            support::programs::skip(
                "the Node tests' boto3 comparison needs python3 -m venv (Debian: apt-get install python3-venv)",
            );
            return None;
        }
    }
    once(
        &venv.join(".presign-requirements"),
        &PYTHON_REQUIREMENTS.join("\n"),
        || {
            run(
                Command::new(&python)
                    .args(["-m", "pip", "--disable-pip-version-check", "-q", "install"])
                    .args(PYTHON_REQUIREMENTS),
                "pip install boto3",
            )
        },
    );
    Some(python)
}

#[test]
fn node_package_tests() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if !support::programs::have(&["node", "npm", "python3"]) {
        return;
    }
    let package = root.join("bindings/node");
    // What the README tells a user to run; CARGO_TARGET_DIR keeps the build incremental
    // and under target/.
    run(
        Command::new("node")
            .arg(package.join("build.mjs"))
            .arg("--debug")
            .env("CARGO_TARGET_DIR", root.join("target/node")),
        "node bindings/node/build.mjs --debug",
    );
    let tools = root.join("target/node-tools");
    std::fs::create_dir_all(&tools).expect("create target/node-tools");
    once(
        &tools.join(".presign-requirements"),
        &NPM_REQUIREMENTS.join("\n"),
        || {
            run(
                Command::new("npm")
                    .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
                    .arg(&tools)
                    .args(NPM_REQUIREMENTS),
                "npm install typescript",
            )
        },
    );
    let Some(python) = boto3(&root) else { return };

    let mut tests: Vec<PathBuf> = std::fs::read_dir(package.join("test"))
        .expect("read bindings/node/test")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    tests.sort();
    assert!(tests.len() >= 5, "only {} test files", tests.len());

    let server = S3Server::start(&["node-bucket"]);
    let mut node = Command::new("node");
    node.arg("--test")
        .args(&tests)
        .current_dir(&package)
        .env("PRESIGN_TEST_S3_ENDPOINT", server.endpoint())
        .env("PRESIGN_TEST_S3_PORT", server.port.to_string())
        .env("PRESIGN_TEST_S3_ACCESS_KEY", ACCESS_KEY)
        .env("PRESIGN_TEST_S3_SECRET_KEY", SECRET_KEY)
        // Where s3s-fs keeps node-bucket's objects: the tests check the bytes that landed.
        .env(
            "PRESIGN_TEST_S3_BUCKET_DIR",
            server.object_path("node-bucket", ""),
        )
        .env("PRESIGN_TEST_PYTHON", &python)
        .env(
            "PRESIGN_TEST_TSC",
            tools.join("node_modules/typescript/bin/tsc"),
        )
        .env("PRESIGN_TEST_TYPES", tools.join("node_modules/@types"))
        .env("PRESIGN_TEST_HARNESS", "1");
    run(&mut node, "node --test bindings/node/test");
    drop(server);
}
