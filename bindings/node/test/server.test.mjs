// URLs that work: the package's URLs and forms are accepted by s3s-fs (the server the
// Rust e2e tests start; tests/e2e/node.rs starts one and passes its port), uploads go
// through Node's own fetch, and tampered URLs are refused.
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { test } from "node:test";
import { Presigner } from "../index.js";
import { needs } from "./support/helpers.mjs";

const BUCKET = "node-bucket";
const HARD_KEYS = ["a b+c%25/d~e.txt", "\u00fcn\u00efc\u00f6d\u00e9/\u65e5\u672c.txt", "dir//double", "q?x=1#frag"];

function server(t) {
  const port = needs(t, "PRESIGN_TEST_S3_PORT", "an s3s-fs server");
  if (!port) return undefined;
  const env = process.env;
  return {
    port: Number(port),
    endpoint: env.PRESIGN_TEST_S3_ENDPOINT,
    accessKey: env.PRESIGN_TEST_S3_ACCESS_KEY,
    secretKey: env.PRESIGN_TEST_S3_SECRET_KEY,
    bucketDir: env.PRESIGN_TEST_S3_BUCKET_DIR,
  };
}

/** One request to 127.0.0.1 with the Host the URL names (virtual host included). */
function send(s, method, url, body, headers = {}) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port: s.port, method, path: u.pathname + u.search, headers: { host: u.host, ...headers } },
      (response) => {
        const chunks = [];
        response.on("data", (c) => chunks.push(c));
        response.on("end", () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** The URL with its signature's first character changed (still hex and base64). */
function tampered(url) {
  return url.replace(/(Signature=)(.)/, (_, name, c) => name + (c === "0" ? "1" : "0"));
}

function presigners(s) {
  const out = [];
  for (const signature of ["v4", "v2"]) {
    for (const addressing of ["path", "virtual"]) {
      out.push(new Presigner({ accessKey: s.accessKey, secretKey: s.secretKey, endpoint: s.endpoint, signature, addressing }));
    }
  }
  return out;
}

test("PUT, GET, HEAD and DELETE URLs work for hard keys, SigV4 and SigV2, path and virtual host; tampered ones are refused", async (t) => {
  const s = server(t);
  if (!s) return;
  for (const p of presigners(s)) {
    for (const hard of HARD_KEYS) {
      const key = `${randomUUID()}/${hard}`;
      const body = randomBytes(1000);
      assert.equal((await send(s, "PUT", tampered(p.put(BUCKET, key)), body)).status, 403, `${p.signature} ${p.addressing} ${key}`);
      assert.equal((await send(s, "PUT", p.put(BUCKET, key), body)).status, 200, `${p.signature} ${p.addressing} ${key}`);
      if (!key.includes("//")) assert.deepEqual(readFileSync(join(s.bucketDir, key)), body);
      const got = await send(s, "GET", p.get(BUCKET, key));
      assert.equal(got.status, 200);
      assert.deepEqual(got.body, body);
      assert.equal((await send(s, "GET", tampered(p.get(BUCKET, key)))).status, 403);
      assert.equal((await send(s, "PUT", p.get(BUCKET, key), Buffer.from("x"))).status, 403);
      const head = await send(s, "HEAD", p.head(BUCKET, key));
      assert.equal(head.status, 200);
      assert.equal(head.headers["content-length"], "1000");
      assert.equal((await send(s, "DELETE", p.delete(BUCKET, key))).status, 204);
      assert.equal((await send(s, "HEAD", p.head(BUCKET, key))).status, 404);
    }
  }
});

test("Node's fetch uploads through a PUT URL with a signed Content-Type, and one with a pinned Content-Length", async (t) => {
  const s = server(t);
  if (!s) return;
  const p = new Presigner({ accessKey: s.accessKey, secretKey: s.secretKey, endpoint: s.endpoint });
  const key = `${randomUUID()}/report.csv`;
  const body = "a,b\n1,2\n";
  const typed = p.put(BUCKET, key, { contentType: "text/csv" });
  // Another type than the signed one is refused; the signed one is stored and served.
  assert.equal((await fetch(typed, { method: "PUT", body, headers: { "content-type": "text/plain" } })).status, 403);
  const put = await fetch(typed, { method: "PUT", body, headers: { "content-type": "text/csv" } });
  assert.equal(put.status, 200, await put.text());
  const got = await fetch(p.get(BUCKET, key));
  assert.equal(got.status, 200);
  assert.equal(got.headers.get("content-type"), "text/csv");
  assert.equal(await got.text(), body);

  const sized = `${randomUUID()}/exactly-1k.bin`;
  const pinned = p.put(BUCKET, sized, { contentLength: 1024, ifNoneMatch: "*" });
  const create = { "if-none-match": "*" }; // signed too: the uploader sends it
  assert.equal((await fetch(pinned, { method: "PUT", body: randomBytes(1000), headers: create })).status, 403);
  const data = randomBytes(1024);
  const ok = await fetch(pinned, { method: "PUT", body: data, headers: create });
  assert.equal(ok.status, 200, await ok.text());
  assert.deepEqual(readFileSync(join(s.bucketDir, sized)), data);
});

test("a multipart upload through create, part and complete URLs, and a listing", async (t) => {
  const s = server(t);
  if (!s) return;
  const p = new Presigner({ accessKey: s.accessKey, secretKey: s.secretKey, endpoint: s.endpoint });
  const key = `${randomUUID()}/big.bin`;
  const created = await fetch(p.createMultipartUpload(BUCKET, key), { method: "POST" });
  assert.equal(created.status, 200);
  const uploadId = (await created.text()).match(/<UploadId>([^<]+)<\/UploadId>/)[1];
  const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1000)];
  let xml = "<CompleteMultipartUpload>";
  for (const [i, part] of parts.entries()) {
    const response = await fetch(p.uploadPart(BUCKET, key, { uploadId, partNumber: i + 1 }), { method: "PUT", body: part });
    assert.equal(response.status, 200);
    xml += `<Part><PartNumber>${i + 1}</PartNumber><ETag>${response.headers.get("etag")}</ETag></Part>`;
  }
  xml += "</CompleteMultipartUpload>";
  const done = await fetch(p.completeMultipartUpload(BUCKET, key, { uploadId }), { method: "POST", body: xml });
  assert.equal(done.status, 200, await done.text());
  assert.deepEqual(readFileSync(join(s.bucketDir, key)), Buffer.concat(parts));
  const listing = await fetch(p.listObjects(BUCKET, { prefix: key.split("/")[0] + "/" }));
  assert.equal(listing.status, 200);
  assert.match(await listing.text(), /big\.bin/);
});

test("a POST form uploads with fetch and FormData", async (t) => {
  const s = server(t);
  if (!s) return;
  const p = new Presigner({ accessKey: s.accessKey, secretKey: s.secretKey, endpoint: s.endpoint });
  const prefix = randomUUID();
  const form = p.post(BUCKET, `${prefix}/hello.txt`, { maxSize: 2048, contentTypePrefix: "text/" });
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append("Content-Type", "text/plain");
  body.append("file", new Blob(["hello"]), "hello.txt");
  const response = await fetch(form.url, { method: "POST", body });
  assert.ok(response.status === 204 || response.status === 200, `${response.status} ${await response.text()}`);
  assert.equal(readFileSync(join(s.bucketDir, prefix, "hello.txt"), "utf8"), "hello");
});
