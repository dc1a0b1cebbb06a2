// Per-URL time of presign-s3 against the JavaScript presigners, side by side in one
// process, and getMany's throughput.
//
//   node bindings/node/bench.mjs [--no-build] [--seconds=S]
//
// Builds the addon in release (node build.mjs) unless --no-build, and installs the other
// packages into a temporary folder with npm (the AWS SDK's presigner and S3 client,
// @smithy/signature-v4, aws4fetch, minio, aws4). Each signer signs the same keys with the
// same credentials: a GET URL, and a PUT URL with a Content-Type where it can sign one.
// Figures are medians of 5 rounds; they move with the machine's load, the ratios less so.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const seconds = Number(process.argv.find((a) => a.startsWith("--seconds="))?.slice(10) ?? 0.4);
if (!process.argv.includes("--no-build")) {
  const built = spawnSync(process.execPath, [join(here, "build.mjs")], { stdio: "inherit" });
  if (built.status !== 0) process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), "presign-bench-"));
writeFileSync(join(dir, "package.json"), '{"name":"bench","private":true}');
const PACKAGES = [
  // The AWS packages are not all published at one version: each at its latest.
  "@aws-sdk/s3-request-presigner", "@aws-sdk/client-s3", "@smithy/signature-v4", "@smithy/hash-node",
  "aws4fetch@1.0.20", "minio@8.0.7", "aws4@1.13.2",
];
console.error(`installing ${PACKAGES.join(" ")} into ${dir}`);
execFileSync("npm", ["install", "--silent", "--no-audit", "--no-fund", ...PACKAGES], { cwd: dir, stdio: "inherit" });
const need = createRequire(join(dir, "package.json"));
const version = (name) =>
  JSON.parse(readFileSync(name === "./" ? join(here, "package.json") : join(dir, "node_modules", name, "package.json"), "utf8")).version;

const { Presigner } = createRequire(import.meta.url)("./index.js");
const { S3Client, GetObjectCommand, PutObjectCommand } = need("@aws-sdk/client-s3");
const { getSignedUrl } = need("@aws-sdk/s3-request-presigner");
const { SignatureV4 } = need("@smithy/signature-v4");
const { Hash } = need("@smithy/hash-node");
const { AwsClient } = need("aws4fetch");
const Minio = need("minio");
const aws4 = need("aws4");

const accessKeyId = "AKIAIOSFODNN7EXAMPLE";
const secretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const region = "eu-west-1";
const bucket = "my-bucket";
const host = `${bucket}.s3.${region}.amazonaws.com`;
const keys = Array.from({ length: 1000 }, (_, i) => `photos/2026/${i}/IMG ${i}.jpg`);
const enc = (key) => key.split("/").map(encodeURIComponent).join("/");

const presign = new Presigner({ accessKey: accessKeyId, secretKey: secretAccessKey, endpoint: "aws", region });
const s3 = new S3Client({ region, credentials: { accessKeyId, secretAccessKey } });
const smithy = new SignatureV4({ service: "s3", region, credentials: { accessKeyId, secretAccessKey }, sha256: Hash.bind(null, "sha256"), uriEscapePath: false, applyChecksum: false });
const a4f = new AwsClient({ accessKeyId, secretAccessKey, service: "s3", region });
const minio = new Minio.Client({ endPoint: `s3.${region}.amazonaws.com`, useSSL: true, accessKey: accessKeyId, secretKey: secretAccessKey, region, pathStyle: false });

const smithyRequest = (method, key, headers = {}) => ({
  method, protocol: "https:", hostname: host, path: `/${enc(key)}`, query: {}, headers: { host, ...headers },
});

// name -> [version, get(key), put(key) or null when it cannot sign a Content-Type]
const SIGNERS = {
  "presign-s3 (this package)": [version("./"), (k) => presign.get(bucket, k), (k) => presign.put(bucket, k, { contentType: "image/jpeg" })],
  "@aws-sdk/s3-request-presigner": [version("@aws-sdk/s3-request-presigner"),
    (k) => getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: k }), { expiresIn: 3600 }),
    (k) => getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: k, ContentType: "image/jpeg" }), { expiresIn: 3600, signableHeaders: new Set(["content-type"]) })],
  "@smithy/signature-v4": [version("@smithy/signature-v4"),
    (k) => smithy.presign(smithyRequest("GET", k), { expiresIn: 3600 }),
    (k) => smithy.presign(smithyRequest("PUT", k, { "content-type": "image/jpeg" }), { expiresIn: 3600, signableHeaders: new Set(["content-type"]) })],
  aws4fetch: [version("aws4fetch"),
    (k) => a4f.sign(`https://${host}/${enc(k)}?X-Amz-Expires=3600`, { aws: { signQuery: true } }),
    (k) => a4f.sign(`https://${host}/${enc(k)}?X-Amz-Expires=3600`, { method: "PUT", headers: { "content-type": "image/jpeg" }, aws: { signQuery: true, allHeaders: true } })],
  minio: [version("minio"), (k) => minio.presignedGetObject(bucket, k, 3600), null],
  aws4: [version("aws4"),
    (k) => aws4.sign({ host, path: `/${enc(k)}?X-Amz-Expires=3600`, service: "s3", region, signQuery: true }, { accessKeyId, secretAccessKey }).path,
    (k) => aws4.sign({ host, method: "PUT", path: `/${enc(k)}?X-Amz-Expires=3600`, service: "s3", region, signQuery: true, headers: { "Content-Type": "image/jpeg" } }, { accessKeyId, secretAccessKey }).path],
};

/** Median microseconds per URL of `sign` over 5 rounds of about `seconds` each. */
async function measure(sign) {
  for (let i = 0; i < 200; i++) await sign(keys[i % keys.length]); // warm up
  const rounds = [];
  for (let round = 0; round < 5; round++) {
    let n = 0;
    const start = performance.now();
    const deadline = start + seconds * 1000;
    let now = start;
    while (now < deadline) {
      for (let i = 0; i < 100; i++) await sign(keys[(n + i) % keys.length]);
      n += 100;
      now = performance.now();
    }
    rounds.push(((now - start) * 1000) / n);
  }
  return rounds.sort((a, b) => a - b)[2];
}

const fmt = (us) => (us === null ? "cannot sign Content-Type" : us < 10 ? us.toFixed(2) : us.toFixed(0));
const results = [];
for (const [name, [v, get, put]] of Object.entries(SIGNERS)) {
  const g = await measure(get);
  const p = put ? await measure(put) : null;
  results.push({ name, version: v, get: g, put: p });
  console.error(`${name}: get ${fmt(g)} µs, put ${fmt(p)} µs`);
}
const ours = results[0];
console.log(`\nNode ${process.version}, ${cpus().length} × ${cpus()[0].model}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log("| presigner | version | µs per GET URL | µs per PUT URL (Content-Type signed) | presign-s3's GET is faster by |");
console.log("|---|---|---:|---:|---:|");
for (const r of results) {
  const ratio = r === ours ? "" : `${(r.get / ours.get).toFixed(r.get / ours.get < 10 ? 1 : 0)}×`;
  console.log(`| ${r.name} | ${r.version} | ${fmt(r.get)} | ${fmt(r.put)} | ${ratio} |`);
}

// getMany: one call for a million keys, signed on every core.
const many = Array.from({ length: 1_000_000 }, (_, i) => `photos/2026/${i % 1000}/IMG ${i}.jpg`);
presign.getMany(bucket, many.slice(0, 10_000));
const rates = [];
for (let round = 0; round < 3; round++) {
  const start = performance.now();
  const urls = presign.getMany(bucket, many);
  const elapsed = (performance.now() - start) / 1000;
  if (urls.length !== many.length) throw new Error("getMany lost URLs");
  rates.push(many.length / elapsed);
}
const rate = rates.sort((a, b) => a - b)[1];
console.log(`\ngetMany: ${(rate / 1e6).toFixed(2)} M URLs/s (1,000,000 keys a call, median of 3, ${cpus().length} cores)`);
