// Byte for byte botocore: every case of the golden corpora the Rust and Python tests read
// (made by botocore 1.44.8: tests/golden/*.py) comes out of the package identically, URLs
// and POST forms (url, every field in order), or is refused naming the option where
// presign refuses what botocore signs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Presigner, PresignError } from "../index.js";
import { golden, objectCall } from "./support/helpers.mjs";

// Warnings for regions that are not the endpoint's, on purpose in the corpora.
process.removeAllListeners("warning");

function presigner(c, extra = {}) {
  return new Presigner({
    accessKey: c.access_key,
    secretKey: c.secret_key,
    sessionToken: c.session_token,
    endpoint: c.endpoint,
    region: c.region,
    signature: c.signature,
    addressing: c.addressing === "auto" ? undefined : c.addressing,
    ...extra,
  });
}

function call(p, [method, bucket, key, options]) {
  return method === "listObjects" ? p[method](bucket, options) : p[method](bucket, key, options);
}

const sigv2Signs = (name) => {
  const n = name.toLowerCase();
  return n === "content-md5" || n === "content-type" || n.startsWith("x-amz-");
};

test("botocore.jsonl: every operation and option, SigV4 and SigV2, path and virtual host, byte for byte", () => {
  const cases = golden("botocore");
  assert.ok(cases.length >= 1500, `${cases.length} cases`);
  const failures = [];
  let same = 0;
  let refused = 0;
  for (const c of cases) {
    const p = presigner(c);
    const drops = c.signature === "v2" && c.headers.some(([n]) => !sigv2Signs(n));
    if (drops) {
      // botocore drops what SigV2 cannot sign; presign refuses, naming the option, and
      // without it prints botocore's URL.
      assert.throws(() => call(p, objectCall(c)), (e) => e instanceof PresignError && /signature: "v4"/.test(e.message), c.name);
      refused++;
    }
    const url = call(p, objectCall(c, drops ? sigv2Signs : undefined));
    if (url === c.url) same++;
    else failures.push(`${c.name}:\n  botocore ${c.url}\n  presign  ${url}`);
  }
  assert.deepEqual(failures.slice(0, 10), []);
  assert.equal(same, cases.length);
  assert.ok(refused >= 20, `${refused} refused`);
});

test("providers.jsonl: every preset, AWS in every partition with dualstack, FIPS and acceleration, byte for byte", () => {
  const cases = golden("providers").filter((c) => !c.us_east_1_regional);
  assert.ok(cases.length >= 700, `${cases.length} cases`);
  const failures = [];
  for (const c of cases) {
    let url;
    try {
      const p = presigner(c, { dualstack: c.dualstack, fips: c.fips, accelerate: c.accelerate });
      url = call(p, objectCall(c));
    } catch (e) {
      failures.push(`${c.name}: ${e.message}`);
      continue;
    }
    if (url !== c.url) failures.push(`${c.name}:\n  botocore ${c.url}\n  presign  ${url}`);
  }
  assert.deepEqual(failures.slice(0, 10), []);
  for (const option of ["dualstack", "fips", "accelerate"]) assert.ok(cases.some((c) => c[option]), option);
});

// botocore_request.jsonl: a signed header -> the option that sets it.
const REQUEST_HEADERS = {
  "content-type": "contentType",
  "x-amz-acl": "acl",
  "x-amz-tagging": "tagging",
  "if-match": "ifMatch",
  "if-none-match": "ifNoneMatch",
  "x-amz-copy-source-range": "sourceRange",
  "x-amz-metadata-directive": "metadataDirective",
  "x-amz-tagging-directive": "taggingDirective",
  "x-amz-copy-source-if-match": "copySourceIfMatch",
  "x-amz-copy-source-if-none-match": "copySourceIfNoneMatch",
  "x-amz-copy-source-if-modified-since": "copySourceIfModifiedSince",
  "x-amz-copy-source-if-unmodified-since": "copySourceIfUnmodifiedSince",
  "x-amz-server-side-encryption": "sse",
  "x-amz-server-side-encryption-aws-kms-key-id": "sseKmsKeyId",
  "x-amz-object-lock-mode": "objectLockMode",
  "x-amz-object-lock-retain-until-date": "objectLockRetainUntil",
  "x-amz-object-lock-legal-hold": "legalHold",
  "x-amz-expected-bucket-owner": "expectedBucketOwner",
  "x-amz-source-expected-bucket-owner": "expectedSourceBucketOwner",
};
const LIST = {
  prefix: "prefix",
  delimiter: "delimiter",
  "max-keys": "maxKeys",
  "start-after": "startAfter",
  "continuation-token": "continuationToken",
  "fetch-owner": "fetchOwner",
};

/** A botocore_request.jsonl case as a call; values that have two forms vary by case. */
function requestCall(c) {
  const n = c.name.length;
  const options = { expires: c.expires, at: c.time };
  const params = Object.fromEntries(c.params);
  if ("uploadId" in params) options.uploadId = params.uploadId;
  if ("partNumber" in params) options.partNumber = Number(params.partNumber);
  for (const [name, value] of c.params) {
    if (name === "max-keys") options.maxKeys = Number(value);
    else if (name === "fetch-owner") options.fetchOwner = value === "true";
    else if (name in LIST) options[LIST[name]] = value;
  }
  if (c.copy_source) {
    const [bucket, key, version] = c.copy_source;
    options.source = `${bucket}/${key}`;
    if (version) options.sourceVersionId = version;
  }
  const metadata = {};
  for (const [name, value] of c.headers) {
    if (name.startsWith("x-amz-meta-")) metadata[name.slice(11)] = value;
    else if (name === "content-length") options.contentLength = Number(value);
    else if (name === "x-amz-server-side-encryption-context") {
      const text = Buffer.from(value, "base64").toString();
      // An object is written as JSON.stringify writes it: the same text when it has no
      // spaces (the corpus's JSON is compact).
      options.sseKmsContext = n % 2 && JSON.stringify(JSON.parse(text)) === text ? JSON.parse(text) : text;
    } else if (name === "x-amz-server-side-encryption-bucket-key-enabled") options.sseBucketKey = true;
    else if (name === "x-amz-request-payer") options.requestPayer = true;
    else if (name === "x-amz-server-side-encryption-customer-key") {
      options.sseCKey = n % 2 ? Buffer.from(c.sse_c_key, "base64") : c.sse_c_key;
    } else if (name === "x-amz-copy-source-server-side-encryption-customer-key") {
      options.copySourceSseCKey = n % 2 ? c.copy_source_sse_c_key : new Uint8Array(Buffer.from(c.copy_source_sse_c_key, "base64"));
    } else if (name === "x-amz-object-lock-legal-hold" && n % 3 === 0) options.legalHold = value === "ON";
    else if (name === "x-amz-object-lock-retain-until-date" && n % 5 === 0) options.objectLockRetainUntil = new Date(value);
    else if (name in REQUEST_HEADERS) options[REQUEST_HEADERS[name]] = value;
    else assert.ok(name.includes("customer-") || name === "x-amz-copy-source", name);
  }
  if (Object.keys(metadata).length) options.metadata = metadata;
  return [METHODS_REQUEST[c.operation] ?? c.operation, c.bucket, c.key, options];
}
const METHODS_REQUEST = {
  get_object: "get",
  head_object: "head",
  put_object: "put",
  delete_object: "delete",
  list_objects_v2: "listObjects",
  copy_object: "copyObject",
  upload_part_copy: "uploadPartCopy",
  upload_part: "uploadPart",
  create_multipart_upload: "createMultipartUpload",
  complete_multipart_upload: "completeMultipartUpload",
  abort_multipart_upload: "abortMultipartUpload",
};

/** The option presign's refusal names for a case it will not sign, or null. */
function refusal(c) {
  const headers = Object.fromEntries(c.headers);
  if (c.sse_c_key && "x-amz-server-side-encryption" in headers) return "sseCKey";
  for (const [name, value] of c.headers) {
    if (name === "x-amz-object-lock-retain-until-date" && value <= c.time) return "objectLockRetainUntil";
  }
  if (c.signature !== "v2") return null;
  if (c.copy_source_sse_c_key) return "copySourceSseCKey";
  if ((headers["x-amz-server-side-encryption"] ?? "").startsWith("aws:kms")) return "sse";
  if (c.sse_c_key) return "sseCKey";
  for (const [name] of c.headers) {
    if (!sigv2Signs(name)) return name.replace(/-([a-z])/g, (_, l) => l.toUpperCase());
  }
  if (c.operation === "list_objects_v2") return "";
  return null;
}

test("botocore_request.jsonl: bounds, encryption, object lock, listings and copies, byte for byte or refused by name", () => {
  const cases = golden("botocore_request");
  assert.ok(cases.length >= 1000, `${cases.length} cases`);
  const failures = [];
  let compared = 0;
  let refused = 0;
  const used = new Set();
  for (const c of cases) {
    const p = presigner(c);
    const args = requestCall(c);
    used.add(args[0]);
    for (const name of Object.keys(args[3])) used.add(name);
    const option = refusal(c);
    if (option === null) {
      compared++;
      let url;
      try {
        url = call(p, args);
      } catch (e) {
        failures.push(`${c.name}: ${e.message}`);
        continue;
      }
      if (url !== c.url) failures.push(`${c.name}:\n  botocore ${c.url}\n  presign  ${url}`);
    } else {
      refused++;
      let error;
      try {
        call(p, args);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof PresignError, `${c.name}: ${error}`);
      assert.ok(error.message.startsWith(option ? `${option}: ` : "SigV2"), `${c.name}: ${error.message}`);
      assert.ok(/signature: "v4"|in the past|one way/.test(error.message), error.message);
      assert.ok(!/--[a-z]/.test(error.message), `a CLI flag in ${error.message}`);
      for (const secret of [c.sse_c_key, c.copy_source_sse_c_key, c.secret_key]) {
        assert.ok(!secret || !error.message.includes(secret), error.message);
      }
    }
  }
  assert.deepEqual(failures.slice(0, 10), []);
  assert.ok(compared >= 600 && refused >= 300, `${compared} compared, ${refused} refused`);
  for (const name of ["listObjects", "copyObject", "uploadPartCopy", "contentLength", "ifNoneMatch", "ifMatch", "sse",
    "sseKmsKeyId", "sseKmsContext", "sseBucketKey", "sseCKey", "objectLockMode", "objectLockRetainUntil", "legalHold",
    "requestPayer", "expectedBucketOwner", "sourceRange", "sourceVersionId", "metadataDirective", "taggingDirective",
    "copySourceIfMatch", "copySourceIfNoneMatch", "copySourceIfModifiedSince", "copySourceIfUnmodifiedSince",
    "copySourceSseCKey", "expectedSourceBucketOwner", "prefix", "delimiter", "maxKeys", "startAfter",
    "continuationToken", "fetchOwner"]) {
    assert.ok(used.has(name), name);
  }
});

test("botocore_post.jsonl: every POST form's url and fields, in botocore's order", () => {
  const cases = golden("botocore_post");
  assert.ok(cases.length >= 300, `${cases.length} cases`);
  const failures = [];
  for (const c of cases) {
    const options = { expires: c.expires, at: c.time };
    if (c.acl !== null) options.acl = c.acl;
    if (c.content_type?.exact !== undefined) options.contentType = c.content_type.exact;
    if (c.content_type?.prefix !== undefined) options.contentTypePrefix = c.content_type.prefix;
    if (c.size) [options.minSize, options.maxSize] = c.size;
    if (c.meta.length) options.metadata = Object.fromEntries(c.meta);
    if (c.success_status !== null) options.successStatus = Number(c.success_status);
    if (c.redirect !== null) options.redirect = c.redirect;
    if (c.fields.length) options.fields = Object.fromEntries(c.fields);
    let form;
    try {
      form = presigner(c).post(c.bucket, c.key, options);
    } catch (e) {
      failures.push(`${c.name}: ${e.message}`);
      continue;
    }
    if (form.url !== c.url || JSON.stringify(Object.entries(form.fields)) !== JSON.stringify(c.fields_out)) {
      failures.push(`${c.name}:\n  botocore ${c.url} ${JSON.stringify(c.fields_out)}\n  presign  ${form.url} ${JSON.stringify(Object.entries(form.fields))}`);
    }
  }
  assert.deepEqual(failures.slice(0, 5), []);
});
