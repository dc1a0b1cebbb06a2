// Builds the native addon with cargo and copies it to presign.node, where index.js loads
// it. Needs only the Rust toolchain: napi's crates come from crates.io, nothing else is
// downloaded.
//
//   node build.mjs            release build (what `npm install` runs)
//   node build.mjs --debug    debug build (faster to compile; what the tests use)
//
// CARGO_TARGET_DIR is honoured, as cargo honours it.
import { spawnSync } from "node:child_process";
import { copyFileSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const debug = process.argv.includes("--debug");
const cargo = process.env.CARGO || "cargo";
const args = ["build", "--manifest-path", join(here, "Cargo.toml"), ...(debug ? [] : ["--release"])];
const run = spawnSync(cargo, args, { stdio: "inherit" });
if (run.error) {
  console.error(`presign-s3: cannot run ${cargo} (${run.error.message}); install Rust from https://rustup.rs`);
  process.exit(1);
}
if (run.status !== 0) process.exit(run.status ?? 1);

const target = process.env.CARGO_TARGET_DIR || join(here, "target");
const file = {
  linux: "libpresign_node.so",
  darwin: "libpresign_node.dylib",
  win32: "presign_node.dll",
}[process.platform] ?? "libpresign_node.so";
const built = join(target, debug ? "debug" : "release", file);
// Copy then rename: a process that has the old addon loaded keeps its mapping intact.
const out = join(here, "presign.node");
copyFileSync(built, `${out}.tmp`);
renameSync(`${out}.tmp`, out);
console.error(`presign-s3: ${built} -> ${out}`);
