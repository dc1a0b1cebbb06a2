// The README's examples compile with tsc --strict against index.d.ts, and code that
// misuses the API does not.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { needs } from "./support/helpers.mjs";

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), "..");

/** tsc --strict on `files` (name -> source) in a project where presign-s3 is this package. */
function compile(tsc, types, files) {
  const dir = mkdtempSync(join(tmpdir(), "presign-tsc-"));
  mkdirSync(join(dir, "node_modules/@types"), { recursive: true });
  symlinkSync(PACKAGE, join(dir, "node_modules/presign-s3"));
  symlinkSync(join(types, "node"), join(dir, "node_modules/@types/node"));
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  const run = spawnSync(process.execPath, [tsc, "--strict", "--noEmit", "--module", "nodenext", "--moduleResolution", "nodenext",
    "--target", "es2022", "--types", "node", ...Object.keys(files).map((f) => join(dir, f))], { cwd: dir, encoding: "utf8" });
  return run.status === 0 ? "" : run.stdout + run.stderr;
}

test("the README's examples compile with tsc --strict", (t) => {
  const tsc = needs(t, "PRESIGN_TEST_TSC", "TypeScript");
  if (!tsc) return;
  const readme = readFileSync(join(PACKAGE, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 3, `${blocks.length} examples`);
  const files = Object.fromEntries(blocks.map((b, i) => [`example${i}.mts`, b]));
  assert.equal(compile(tsc, process.env.PRESIGN_TEST_TYPES, files), "");
});

test("misuse does not compile: a number as key, an unknown option, a missing uploadId", (t) => {
  const tsc = needs(t, "PRESIGN_TEST_TSC", "TypeScript");
  if (!tsc) return;
  const head = 'import { Presigner } from "presign-s3";\nconst p = new Presigner({ accessKey: "a", secretKey: "b" });\n';
  const lines = ['p.get("b", 1);', 'p.get("b", "k", { expirse: 60 });', 'p.uploadPart("b", "k", { partNumber: 1 });',
    'const n: number = p.get("b", "k");', 'new Presigner({ accessKey: "a" });'];
  // One compilation: each file must have its own error.
  const errors = compile(tsc, process.env.PRESIGN_TEST_TYPES, Object.fromEntries(lines.map((l, i) => [`bad${i}.mts`, head + l])));
  lines.forEach((line, i) => assert.match(errors, new RegExp(`bad${i}\\.mts\\(3,`), line));
});
