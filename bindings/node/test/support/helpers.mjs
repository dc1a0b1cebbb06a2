// Shared by the package's tests: the golden corpora the Rust and Python tests read, and
// what the harness (tests/e2e/node.rs, run by `cargo test`) hands over in variables.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
export const AWS_AK = "AKIAIOSFODNN7EXAMPLE";
export const AWS_SK = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/** The cases of tests/golden/NAME.jsonl. */
export function golden(name) {
  return readFileSync(join(ROOT, "tests/golden", `${name}.jsonl`), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

/**
 * What a test needs from the harness (a server, boto3's Python, tsc): its value, or a
 * skip with the reason outside the harness and CI; under either, a missing one fails.
 */
export function needs(t, variable, what) {
  const value = process.env[variable];
  if (value) return value;
  if (process.env.PRESIGN_TEST_HARNESS || process.env.CI) {
    throw new Error(`${variable} is not set: ${what} is needed here`);
  }
  t.skip(`${variable} is not set (${what}): run through \`cargo test --test e2e node::\``);
  return undefined;
}

/** The library's header names to this package's options (botocore's Params too). */
export const HEADER_OPTIONS = {
  "content-type": "contentType",
  "content-md5": "contentMd5",
  "x-amz-checksum-crc32": "checksumCrc32",
  "x-amz-checksum-crc32c": "checksumCrc32c",
  "x-amz-checksum-sha1": "checksumSha1",
  "x-amz-checksum-sha256": "checksumSha256",
  "x-amz-acl": "acl",
  "cache-control": "cacheControl",
  "content-disposition": "contentDisposition",
  "content-encoding": "contentEncoding",
  "content-language": "contentLanguage",
  "x-amz-storage-class": "storageClass",
  "x-amz-tagging": "tagging",
  range: "range",
};

export const PARAM_OPTIONS = {
  versionId: "versionId",
  "response-content-type": "responseContentType",
  "response-content-disposition": "responseContentDisposition",
  "response-cache-control": "responseCacheControl",
  "response-content-encoding": "responseContentEncoding",
  "response-content-language": "responseContentLanguage",
  "response-expires": "responseExpires",
};

export const METHODS = {
  get_object: "get",
  head_object: "head",
  put_object: "put",
  delete_object: "delete",
  create_multipart_upload: "createMultipartUpload",
  upload_part: "uploadPart",
  complete_multipart_upload: "completeMultipartUpload",
  abort_multipart_upload: "abortMultipartUpload",
  list_objects_v2: "listObjects",
  copy_object: "copyObject",
  upload_part_copy: "uploadPartCopy",
};

/**
 * A case of botocore.jsonl or providers.jsonl as a call: [method, bucket, key, options].
 * Headers in `keep` only (SigV2 cases: what botocore kept).
 */
export function objectCall(c, keep = () => true) {
  const options = { expires: c.expires, at: c.time };
  const params = Object.fromEntries(c.params);
  if ("uploadId" in params) options.uploadId = params.uploadId;
  if ("partNumber" in params) options.partNumber = Number(params.partNumber);
  for (const [name, value] of c.params) {
    if (name in PARAM_OPTIONS) options[PARAM_OPTIONS[name]] = value;
  }
  const metadata = {};
  for (const [name, value] of c.headers) {
    if (!keep(name)) continue;
    if (name.toLowerCase().startsWith("x-amz-meta-")) metadata[name.slice(11)] = value;
    else options[HEADER_OPTIONS[name.toLowerCase()]] = value;
  }
  if (Object.keys(metadata).length) options.metadata = metadata;
  return [METHODS[c.operation], c.bucket, c.key, options];
}
