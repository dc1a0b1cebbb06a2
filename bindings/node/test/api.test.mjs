// The package's shape and refusals: CommonJS and ES module entries, bad input thrown as
// PresignError or TypeError with the library's message in this package's option names,
// a Presigner that never shows its secret, a Rust panic that does not end the process,
// getMany, inspect, verify and fromEnv.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import util from "node:util";
import * as esm from "../index.mjs";
import { AWS_AK, AWS_SK } from "./support/helpers.mjs";

const require = createRequire(import.meta.url);
const { Presigner, PresignError, inspect, verify, _panicForTest } = require("../index.js");
const SECRET = "s3cr3t/VALUE+never-shown";
const TOKEN = "session-TOKEN/never-shown";
const AT = "2026-01-01T00:00:00Z";
const p = new Presigner({ accessKey: AWS_AK, secretKey: SECRET, sessionToken: TOKEN, endpoint: "aws", region: "eu-west-1" });

function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("no error thrown");
}

test("require and import give the same classes and functions", () => {
  assert.equal(esm.Presigner, Presigner);
  assert.equal(esm.PresignError, PresignError);
  assert.equal(esm.inspect, inspect);
  assert.equal(esm.verify, verify);
  assert.equal(esm.default.Presigner, Presigner);
  assert.ok(new PresignError("x") instanceof Error);
  assert.equal(new PresignError("x").name, "PresignError");
});

test("a Presigner never shows its secret key or session token", () => {
  const shown = [
    util.inspect(p, { depth: 10, showHidden: true }),
    JSON.stringify(p),
    String(p),
    util.format("%o %O %j", p, p, p),
    JSON.stringify(Object.getOwnPropertyNames(p)),
    JSON.stringify({ ...p }),
  ];
  for (const text of shown) {
    assert.ok(!text.includes(SECRET) && !text.includes(TOKEN), text);
  }
  assert.match(util.inspect(p), /accessKey: 'AKIAIOSFODNN7EXAMPLE'/);
  assert.deepEqual(JSON.parse(JSON.stringify(p)), {
    accessKey: AWS_AK,
    endpoint: "https://s3.eu-west-1.amazonaws.com",
    region: "eu-west-1",
    signature: "v4",
    addressing: "auto",
    expires: 3600,
  });
  assert.ok(Object.isFrozen(p));
  assert.equal(p.secretKey, undefined);
});

test("bad input throws TypeError or PresignError with the library's message, in option names", () => {
  const cases = [
    [() => p.get("b", 42), TypeError, /^key: expected a string, not number$/],
    [() => p.get(null, "k"), TypeError, /^bucket: expected a string, not null$/],
    [() => p.get("b", "k", "3600"), TypeError, /get\(\): expected an options object/],
    [() => p.get("b", "k", { expires: 8 * 86400 }), PresignError, /^expires: .*too long for SigV4.*signature: "v2"/],
    [() => p.get("b", "k", { expires: "1y" }), PresignError, /^expires: invalid duration "1y"/],
    [() => p.get("b", "k", { expires: 1.5 }), PresignError, /^expires: 1.5 is not a whole number/],
    [() => p.get("b", "k", { expirse: 60 }), TypeError, /get\(\): unknown option "expirse"/],
    [() => p.get("b", "k", { contentType: "x" }), TypeError, /get\(\): unknown option "contentType"/],
    [() => new Presigner({ accessKey: "a", secretKey: SECRET, endpoint: "r3:abc" }), PresignError, /^endpoint: unknown endpoint "r3:abc"/],
    [() => new Presigner({ accessKey: "a", secretKey: SECRET, endpoint: "aws", region: "a b" }), PresignError, /^region: /],
    [() => new Presigner({ accessKey: "a", secretKey: SECRET, addressing: "vhost" }), PresignError, /^addressing: invalid addressing style/],
    [() => new Presigner({ accessKey: "a" }), TypeError, /secretKey option is required/],
    [() => new Presigner({ accessKey: "AKIAZZZZZZZZZZZZZZZZ", secretKey: SECRET }), PresignError, /^accessKey: .* pass endpoint: "aws"/],
    [() => p.put("b", "k", { sseCKey: Buffer.alloc(31) }), PresignError, /^sseCKey: invalid SSE-C key: it is 31 bytes/],
    [() => p.put("b", "k", { sseCKey: 32 }), TypeError, /^sseCKey: expected a Uint8Array/],
    [() => p.put("b", "k", { contentMd5: "nope" }), PresignError, /^contentMd5: /],
    [() => p.put("b", "k", { contentLength: -1 }), PresignError, /^contentLength: /],
    [() => p.put("b", "k", { metadata: { a: 1 } }), TypeError, /^metadata\.a: expected a string, not number/],
    [() => p.get("b", "k", { downloadAs: "a.pdf", responseContentDisposition: "inline" }), PresignError, /^downloadAs: it sets responseContentDisposition/],
    [() => p.get("b", "k", { at: "yesterday" }), PresignError, /^at: /],
    [() => p.get("b", "k", { at: new Date(NaN) }), PresignError, /^at: the Date is invalid/],
    [() => p.get("b", "k", { at: 0 }), TypeError, /^at: expected a Date or RFC 3339 text, not number/],
    [() => p.uploadPart("b", "k", { uploadId: "u", partNumber: 10001 }), PresignError, /^partNumber: /],
    [() => p.uploadPart("b", "k", { partNumber: 1 }), TypeError, /uploadId option is required/],
    [() => p.copyObject("b", "k", {}), TypeError, /source option is required/],
    [() => p.copyObject("b", "k", { source: "b/s", contentType: "text/plain" }), PresignError, /^contentType: .*metadataDirective/],
    [() => p.getMany("b", "k"), TypeError, /^keys: expected an array of strings, not string/],
    [() => p.getMany("b", ["a", 1]), TypeError, /^keys\[1\]: expected a string, not number/],
    [() => p.post("b", "k", { minSize: 10, maxSize: 1 }), PresignError, /^minSize: 10 is above maxSize 1/],
    [() => inspect("https://example.com/x"), PresignError, /^url: /],
    [() => verify("https://example.com/x", { accessKey: AWS_AK }), TypeError, /secretKey option is required/],
  ];
  for (const [f, type, message] of cases) {
    const e = thrown(f);
    assert.ok(e instanceof type, `${f}: ${e}`);
    assert.match(e.message, message, `${f}`);
    assert.ok(!/(^|\s)--[a-z]/.test(e.message), `a CLI flag in: ${e.message}`);
    assert.ok(!e.message.includes(SECRET) && !e.message.includes(TOKEN), e.message);
  }
});

test("SigV2 refuses what it cannot sign, naming the option", () => {
  const v2 = new Presigner({ accessKey: "a", secretKey: SECRET, endpoint: "http://127.0.0.1:9000", signature: "v2" });
  const e = thrown(() => v2.put("b", "k", { cacheControl: "no-cache" }));
  assert.ok(e instanceof PresignError);
  assert.match(e.message, /^cacheControl: .*signature: "v4"/);
  assert.equal(v2.signature, "v2");
});

test("a Rust panic is thrown as a PresignError and the process goes on", () => {
  const e = thrown(() => _panicForTest());
  assert.ok(e instanceof PresignError, String(e));
  assert.match(e.message, /internal error.*deliberate panic/);
  assert.match(p.get("b", "k", { at: AT }), /^https:\/\//);
});

test("at takes a Date or RFC 3339 text, to the whole second", () => {
  const a = p.get("b", "k", { at: AT });
  assert.equal(p.get("b", "k", { at: new Date(Date.parse(AT) + 999) }), a);
  assert.equal(p.get("b", "k", { at: "2026-01-01T01:00:00+01:00" }), a);
  assert.match(a, /X-Amz-Date=20260101T000000Z/);
  assert.notEqual(p.get("b", "k", { at: "2026-01-01T00:00:01Z" }), a);
  assert.equal(p.get("b", "k", { at: AT, expires: "15m" }), p.get("b", "k", { at: AT, expires: 900 }));
});

test("getMany gives get's URL for every key, in order, also when the batch is split across threads", () => {
  // 70,000 keys make five chunks signed on two threads and handed back out of order;
  // the keys' lengths vary, and some are not ASCII or not well-formed UTF-16.
  for (const n of [0, 3, 70000]) {
    const keys = Array.from({ length: n }, (_, i) => `dir/${i} é?.txt`.repeat(1 + (i % 7)) + (i % 1000 === 5 ? "\ud800" : ""));
    const urls = p.getMany("my-bucket", keys, { at: AT, expires: 600, responseContentType: "text/plain" });
    assert.equal(urls.length, n);
    for (let i = 0; i < n; i++) {
      const one = p.get("my-bucket", keys[i], { at: AT, expires: 600, responseContentType: "text/plain" });
      if (urls[i] !== one) assert.fail(`getMany's URL ${i} differs from get's:\n${urls[i]}\n${one}`);
    }
  }
});

test("getMany names the first bad key of a batch, whichever thread finds it", () => {
  const keys = Array.from({ length: 70000 }, (_, i) => `k${i}`);
  keys[66000] = "x".repeat(1025);
  keys[40000] = "y".repeat(1025);
  for (let round = 0; round < 3; round++) {
    assert.throws(() => p.getMany("my-bucket", keys), (e) => e instanceof PresignError && /^keys\[40000\]: /.test(e.message));
  }
  keys[3] = "";
  assert.throws(() => p.getMany("my-bucket", keys), (e) => e instanceof PresignError && /^keys\[3\]: /.test(e.message));
});

test("inspect reads a URL back without keys; verify checks it with them, and refuses a tampered one", () => {
  const url = p.put("my-bucket", "a/b.txt", { at: AT, contentType: "text/plain", expires: 600 });
  const seen = inspect(url, { at: "2026-01-01T00:05:00Z" });
  assert.equal(seen.bucket, "my-bucket");
  assert.equal(seen.key, "a/b.txt");
  assert.equal(seen.accessKey, AWS_AK);
  assert.equal(seen.region, "eu-west-1");
  assert.equal(seen.expiresAt, "2026-01-01T00:10:00Z");
  assert.equal(seen.expired, false);
  assert.equal(seen.sessionToken, true);
  assert.deepEqual(seen.signedHeaders, ["content-type", "host"]);
  assert.ok(!JSON.stringify(seen).includes(TOKEN));
  const headers = { "Content-Type": "text/plain" };
  const good = verify(url, { accessKey: AWS_AK, secretKey: SECRET, at: new Date("2026-01-01T00:05:00Z"), headers });
  assert.equal(good.valid, true);
  assert.equal(good.method, "PUT");
  assert.equal(good.seconds, 300);
  assert.equal(verify(url, { accessKey: AWS_AK, secretKey: SECRET, at: "2026-01-01T00:05:00Z", headers: { "content-type": "image/png" } }).valid, false);
  assert.equal(verify(url, { accessKey: AWS_AK, secretKey: "other", at: "2026-01-01T00:05:00Z", headers }).valid, false);
  assert.equal(verify(url.replace("a/b.txt", "a/c.txt"), { accessKey: AWS_AK, secretKey: SECRET, at: "2026-01-01T00:05:00Z", headers }).valid, false);
  const late = verify(url, { accessKey: AWS_AK, secretKey: SECRET, at: "2026-01-01T01:00:00Z", headers });
  assert.equal(late.valid, false);
  assert.equal(late.timing, "expired");
});

test("fromEnv resolves the settings chain over process.env and the files, naming options in errors", (t) => {
  const home = mkdtempSync(join(tmpdir(), "presign-node-"));
  const saved = { ...process.env };
  t.after(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });
  for (const k of Object.keys(process.env)) if (/^(AWS_|PRESIGN_)/.test(k)) delete process.env[k];
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = join(home, ".config");
  process.env.AWS_ACCESS_KEY_ID = AWS_AK;
  process.env.AWS_SECRET_ACCESS_KEY = AWS_SK;
  process.env.AWS_REGION = "eu-central-1";
  const fromEnv = Presigner.fromEnv();
  assert.equal(fromEnv.endpoint, "https://s3.eu-central-1.amazonaws.com");
  const byHand = new Presigner({ accessKey: AWS_AK, secretKey: AWS_SK, endpoint: "aws", region: "eu-central-1" });
  assert.equal(fromEnv.get("b", "k", { at: AT }), byHand.get("b", "k", { at: AT }));
  assert.ok(!util.inspect(fromEnv).includes(AWS_SK));
  // Options over the variables; a profile file's expiry as every call's default.
  const config = join(home, "presign.toml");
  writeFileSync(config, '[profiles.work]\nendpoint = "eu1"\naccess_key = "jwsutdemteo7a3odjeweckixmkra"\nsecret_key = "x"\nexpires = "15m"\n', { mode: 0o600 });
  const work = Presigner.fromEnv({ profile: "work", configFile: config });
  assert.equal(work.endpoint, "https://gateway.eu1.storjshare.io");
  assert.equal(work.expires, 900);
  assert.match(work.get("b", "k"), /X-Amz-Expires=900&/);
  for (const [options, type, message] of [
    [{ region: "a b" }, PresignError, /^region: /],
    [{ expires: "8d", signature: "v4" }, PresignError, /^expires: /],
    [{ profile: "nope", configFile: config }, PresignError, /nope/],
    [{ regoin: "x" }, TypeError, /fromEnv\(\): unknown option "regoin"/],
    [{ dualstack: "yes" }, TypeError, /^dualstack: expected a boolean/],
  ]) {
    const e = thrown(() => Presigner.fromEnv(options));
    assert.ok(e instanceof type, `${JSON.stringify(options)}: ${e}`);
    assert.match(e.message, message);
    assert.ok(!/(^|\s)--[a-z]|[a-z]=:/.test(e.message), e.message);
  }
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
  const none = thrown(() => Presigner.fromEnv());
  assert.ok(none instanceof PresignError, String(none));
});
