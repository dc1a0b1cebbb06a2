// Byte for byte boto3: random cases over every operation, option, signature version,
// addressing style, endpoint form, token and key give the same URL (and the same POST url
// and fields, in order) from the Presigner and from botocore 1.44.8's client with the
// matching Config at a frozen clock (test/support/boto3_oracle.py, in the venv
// tests/e2e/node.rs makes). PRESIGN_TEST_SEED and PRESIGN_TEST_CASES vary the draw.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { Presigner, PresignError } from "../index.js";
import { AWS_AK, AWS_SK, needs } from "./support/helpers.mjs";

// Warnings for regions that are not the endpoint's: on purpose in the draw.
process.removeAllListeners("warning");

const SEED = Number(process.env.PRESIGN_TEST_SEED ?? 20261201);
const CASES = Number(process.env.PRESIGN_TEST_CASES ?? 3000);

/** mulberry32: a small seeded generator, so a failure can be drawn again. */
function rng(name) {
  let h = SEED;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 2654435761);
  let a = h >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    random: next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    choice: (xs) => xs[Math.floor(next() * xs.length)],
    text: (chars, lo, hi) => {
      const list = [...chars];
      return Array.from({ length: r.int(lo, hi) }, () => r.choice(list)).join("");
    },
  };
  return r;
}

// [presign's endpoint, the URL botocore gets, whether a bucket can go in its host]
const ENDPOINTS = [
  ["global", "https://gateway.storjshare.io", true],
  ["eu1", "https://gateway.eu1.storjshare.io", true],
  ["http://localhost:9000", "http://localhost:9000", true],
  ["https://s3.eu-west-1.amazonaws.com", "https://s3.eu-west-1.amazonaws.com", true],
  ["https://minio.example.com:9443", "https://minio.example.com:9443", true],
  ["http://127.0.0.1:7777", "http://127.0.0.1:7777", false],
  ["https://h.example:443", "https://h.example:443", true],
  ["https://S3.Example.COM", "https://S3.Example.COM", true],
  ["http://[::1]:9000", "http://[::1]:9000", false],
];
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "auto", "us-1"];
const DNS_BUCKETS = ["my-bucket", "examplebucket", "123", "a-b-c", "logs.2026"];
const LEGACY_BUCKETS = ["Legacy_Bucket.2009", "UPPER", "x".repeat(100)];
const CREDENTIALS = [
  [AWS_AK, AWS_SK],
  ["jwsutdemteo7a3odjeweckixmkra", "j3ts/4a+tz=kdbwz5q6z6x7k4ryckk6ax2c3sz64rcbngd2vwrmc"],
  ["AKIA%2B+KEY", "s3cr3t key with spaces+and/slashes=="],
];
const TOKENS = [null, null, "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJGMEQCIA+/=", "tok en%2F+/"];
const KEY_CHARS = "aaaabbbZ019//++%% ~._-=&?#'()*!$,;:@[]{}|\\^`\"<>\u00fc\u00e9\u65e5\u672c\u{1f600}\t\u2013";
const VALUE_CHARS = "abcXYZ0189 -_.~/+=%;,:\"'()!*@&?#[]";
const HEADER_CHARS = "abcXYZ0189 -_.~/+=%;,:\"'()!*@&?#[]  ";
const DOWNLOAD_NAMES = {
  "Q3 report.pdf": 'attachment; filename="Q3 report.pdf"',
  'say "hi".txt': 'attachment; filename="say \\"hi\\".txt"',
  "Bericht Q3 \u2013 M\u00e4rz.pdf": "attachment; filename=\"Bericht Q3 _ M_rz.pdf\"; filename*=UTF-8''Bericht%20Q3%20%E2%80%93%20M%C3%A4rz.pdf",
};
const RESPONSE_EXPIRES = ["Thu, 01 Jan 2026 00:00:00 GMT", "2015-10-21T07:28:00Z", "Wed, 21 Oct 2015 07:28:00 GMT"];
const ACLS = ["private", "public-read", "bucket-owner-full-control"];
const STORAGE = ["STANDARD", "STANDARD_IA", "GLACIER_IR"];
const DIGESTS = { contentMd5: 16, checksumCrc32: 4, checksumCrc32c: 4, checksumSha1: 20, checksumSha256: 32 };
// The option -> botocore's Param, in presign's documented order.
const DOWNLOAD = [["versionId", "VersionId"], ["responseContentType", "ResponseContentType"],
  ["responseContentDisposition", "ResponseContentDisposition"], ["responseCacheControl", "ResponseCacheControl"],
  ["responseContentEncoding", "ResponseContentEncoding"], ["responseContentLanguage", "ResponseContentLanguage"],
  ["responseExpires", "ResponseExpires"], ["range", "Range"]];
const INTEGRITY = [["contentMd5", "ContentMD5"], ["checksumCrc32", "ChecksumCRC32"], ["checksumCrc32c", "ChecksumCRC32C"],
  ["checksumSha1", "ChecksumSHA1"], ["checksumSha256", "ChecksumSHA256"]];
const OBJECT = [["contentType", "ContentType"], ["metadata", "Metadata"], ["acl", "ACL"], ["cacheControl", "CacheControl"],
  ["contentDisposition", "ContentDisposition"], ["contentEncoding", "ContentEncoding"],
  ["contentLanguage", "ContentLanguage"], ["storageClass", "StorageClass"], ["tagging", "Tagging"]];
// What SigV2 cannot sign: presign refuses it, botocore drops it without a word.
const NOT_V2 = new Set(["cacheControl", "contentDisposition", "contentEncoding", "contentLanguage", "range"]);
const OPERATIONS = {
  get: ["get_object", DOWNLOAD],
  head: ["head_object", DOWNLOAD],
  put: ["put_object", [OBJECT[0], ...INTEGRITY, ...OBJECT.slice(1)]],
  delete: ["delete_object", DOWNLOAD.slice(0, 1)],
  createMultipartUpload: ["create_multipart_upload", OBJECT],
  uploadPart: ["upload_part", INTEGRITY],
  completeMultipartUpload: ["complete_multipart_upload", []],
  abortMultipartUpload: ["abort_multipart_upload", []],
};

const key = (r) => (r.random() < 0.01 ? r.choice(["x".repeat(1024), "\u00e9".repeat(512), "/", "//", "./a/../b"]) : r.text(KEY_CHARS, 1, 40));

function headerValue(r) {
  const value = r.text(HEADER_CHARS, 1, 30);
  return value.trim() ? value : `x${value}`;
}

function optionValue(r, name) {
  if (name === "responseExpires") return r.choice(RESPONSE_EXPIRES);
  if (name === "range") return `bytes=${r.int(0, 99)}-${r.int(100, 9999)}`;
  if (name in DIGESTS) return Buffer.from(Array.from({ length: DIGESTS[name] }, () => r.int(0, 255))).toString("base64");
  if (name === "metadata") {
    const seen = new Map();
    for (let i = r.int(1, 3); i > 0; i--) {
      const k = r.text("abcXYZ-_.", 1, 8); // no digits alone: a digit-only key would move first
      if (!seen.has(k.toLowerCase())) seen.set(k.toLowerCase(), [k, headerValue(r)]);
    }
    return Object.fromEntries(seen.values());
  }
  if (name === "acl") return r.choice(ACLS);
  if (name === "storageClass") return r.choice(STORAGE);
  if (name === "tagging") {
    const keys = ["project", "team", "k1", "a b", "owner"].filter(() => r.random() < 0.5).slice(0, 3);
    if (!keys.length) keys.push("project");
    return keys.map((k) => `${k.replace(" ", "+")}=${r.text("abc", 0, 4)}${r.choice(["", "%20", "+x", "%C3%A9"])}`).join("&");
  }
  if (["contentType", "cacheControl", "contentDisposition", "contentEncoding", "contentLanguage"].includes(name)) return headerValue(r);
  return r.text(`${VALUE_CHARS}\u00fc\u65e5`, 1, 30);
}

function config(r) {
  const [endpoint, endpointUrl, virtualOk] = r.choice(ENDPOINTS);
  const signature = r.choice(["v4", "v2"]);
  const addressing = virtualOk && r.random() < 0.4 ? "virtual" : "path";
  const bucket = addressing === "virtual"
    ? r.choice(DNS_BUCKETS.filter((b) => !(b.includes(".") && endpointUrl.startsWith("https"))))
    : r.choice([...DNS_BUCKETS, ...LEGACY_BUCKETS]);
  const [ak, sk] = r.choice(CREDENTIALS);
  return { endpoint, endpoint_url: endpointUrl, region: r.choice(REGIONS), ak, sk, token: r.choice(TOKENS), signature, addressing, bucket };
}

const presigner = (c) => new Presigner({
  accessKey: c.ak, secretKey: c.sk, sessionToken: c.token, endpoint: c.endpoint, region: c.region, signature: c.signature, addressing: c.addressing,
});

function urlCase(r, c, op) {
  const [method, table] = OPERATIONS[op];
  const k = key(r);
  const params = { Bucket: c.bucket, Key: k };
  const options = {};
  if (op === "uploadPart") {
    options.partNumber = r.int(1, 10000);
    options.uploadId = r.text(VALUE_CHARS, 1, 40);
    params.PartNumber = options.partNumber;
    params.UploadId = options.uploadId;
  } else if (op === "completeMultipartUpload" || op === "abortMultipartUpload") {
    options.uploadId = r.text(VALUE_CHARS, 1, 40);
    params.UploadId = options.uploadId;
  }
  for (const [name] of table) if (r.random() < 0.25) options[name] = optionValue(r, name);
  if ((op === "get" || op === "head") && r.random() < 0.15 && !("responseContentDisposition" in options)) {
    options.downloadAs = r.choice(Object.keys(DOWNLOAD_NAMES).sort());
  }
  for (const [name, param] of table) {
    if (name in options) params[param] = options[name];
    if (name === "responseContentDisposition" && "downloadAs" in options) params[param] = DOWNLOAD_NAMES[options.downloadAs];
  }
  return { method, key: k, options, params };
}

/** boto3's answers to `cases`, in order, from the venv's python. */
function boto3(python, cases) {
  const oracle = join(dirname(fileURLToPath(import.meta.url)), "support/boto3_oracle.py");
  const run = spawnSync(python, [oracle], {
    input: cases.map((c) => JSON.stringify(c)).join("\n") + "\n",
    maxBuffer: 1 << 30,
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim().split("\n").map((line) => JSON.parse(line));
}

test("random URL cases are boto3's byte for byte (what SigV2 cannot sign is refused)", (t) => {
  const python = needs(t, "PRESIGN_TEST_PYTHON", "a python with boto3 1.44.8");
  if (!python) return;
  const r = rng("urls");
  const configs = Array.from({ length: 60 }, () => config(r));
  const presigners = configs.map(presigner);
  const ours = [];
  const asks = [];
  let refused = 0;
  for (let i = 0; i < CASES; i++) {
    const n = r.int(0, configs.length - 1);
    const c = configs[n];
    const op = r.choice(Object.keys(OPERATIONS).sort());
    const { method, key: k, options, params } = urlCase(r, c, op);
    const epoch = r.int(946684800, 4102444799 - 31536000);
    const expires = c.signature === "v4" ? r.int(1, 604800) : r.int(1, 1e8);
    const at = new Date(epoch * 1000).toISOString().replace(".000Z", "Z");
    const dropped = c.signature === "v2" ? Object.keys(options).filter((o) => NOT_V2.has(o)) : [];
    if (dropped.length) {
      assert.throws(() => presigners[n][op](c.bucket, k, { ...options, expires, at }),
        (e) => e instanceof PresignError && dropped.includes(e.message.split(":")[0]));
      refused++;
      for (const o of dropped) delete options[o];
    }
    ours.push([i, op, c, k, options, presigners[n][op](c.bucket, k, { ...options, expires, at: r.random() < 0.5 ? at : new Date(epoch * 1000) })]);
    asks.push({ kind: "url", config: c, method, params, expires, epoch });
  }
  const theirs = boto3(python, asks);
  const failures = ours.filter(([, , , , , url], i) => url !== theirs[i]).map((f) => JSON.stringify(f) + `\n  boto3 ${theirs[f[0]]}`);
  assert.deepEqual(failures.slice(0, 5), []);
  assert.equal(theirs.length, CASES);
  assert.ok(refused > 0);
  t.diagnostic(`${CASES} URLs identical to boto3's, ${refused} SigV2 refusals`);
});

test("random POST forms are boto3's: url and every field, in order", (t) => {
  const python = needs(t, "PRESIGN_TEST_PYTHON", "a python with boto3 1.44.8");
  if (!python) return;
  const r = rng("post");
  const configs = Array.from({ length: 30 }, () => config(r));
  const count = Math.max(Math.floor(CASES / 5), 100);
  const ours = [];
  const asks = [];
  for (let i = 0; i < count; i++) {
    const c = r.choice(configs);
    const k = r.random() < 0.7 ? key(r) : `${r.text("abc/ ", 0, 10)}\${filename}`;
    const options = {};
    const fields = {};
    const conditions = [];
    if (r.random() < 0.3) {
      options.acl = fields.acl = r.choice(ACLS);
      conditions.push({ acl: options.acl });
    }
    const choice = r.random();
    if (choice < 0.25) {
      options.contentType = fields["Content-Type"] = headerValue(r);
      conditions.push({ "Content-Type": options.contentType });
    } else if (choice < 0.5) {
      options.contentTypePrefix = r.choice(["", "image/", "text/pl"]);
      conditions.push(["starts-with", "$Content-Type", options.contentTypePrefix]);
    }
    if (r.random() < 0.4) {
      const [lo, hi] = [r.int(0, 1e7), r.int(0, 1e7)].sort((a, b) => a - b);
      [options.minSize, options.maxSize] = [lo, hi];
      conditions.push(["content-length-range", lo, hi]);
    }
    if (r.random() < 0.3) {
      options.metadata = optionValue(r, "metadata");
      for (const [mk, v] of Object.entries(options.metadata)) {
        fields[`x-amz-meta-${mk.toLowerCase()}`] = v;
        conditions.push({ [`x-amz-meta-${mk.toLowerCase()}`]: v });
      }
    }
    if (r.random() < 0.3) {
      options.successStatus = r.choice([200, 201, 204]);
      fields.success_action_status = String(options.successStatus);
      conditions.push({ success_action_status: fields.success_action_status });
    }
    if (r.random() < 0.2) {
      options.redirect = fields.success_action_redirect = `https://example.com/done?${r.text("abc=&", 0, 8)}`;
      conditions.push({ success_action_redirect: options.redirect });
    }
    const epoch = r.int(946684800, 4102444799 - 31536000);
    const expires = c.signature === "v4" ? r.int(1, 604800) : r.int(1, 1e8);
    const at = new Date(epoch * 1000);
    ours.push(presigner(c).post(c.bucket, k, { ...options, expires, at }));
    asks.push({ kind: "post", config: c, bucket: c.bucket, key: k, fields, conditions, expires, epoch });
  }
  const theirs = boto3(python, asks);
  const failures = [];
  ours.forEach((form, i) => {
    const mine = JSON.stringify({ url: form.url, fields: Object.entries(form.fields) });
    if (mine !== JSON.stringify(theirs[i])) failures.push(`${i}: ${mine}\n  boto3 ${JSON.stringify(theirs[i])}`);
  });
  assert.deepEqual(failures.slice(0, 3), []);
  t.diagnostic(`${count} POST forms identical to boto3's`);
});
