"use strict";
// presign-s3: presigned S3 URLs and POST forms, byte for byte what botocore produces.
//
// The signing is done by presign's Rust library in presign.node (built by build.mjs);
// this file gives it its JavaScript shape: the Presigner class, which never shows its
// secret, the PresignError class every refusal becomes, and warnings as process warnings.

const util = require("node:util");
const native = require("./presign.node");

/** A value presign cannot sign or read, with the library's message (never a secret). */
class PresignError extends Error {
  constructor(message) {
    super(message);
    this.name = "PresignError";
  }
}

// The native errors' codes (src/error.rs): refusals, wrong types, caught panics.
function rethrow(e, method) {
  if (e && typeof e === "object") {
    let error;
    if (e.code === "PRESIGN_ERROR") error = new PresignError(e.message);
    else if (e.code === "PRESIGN_TYPE_ERROR") error = new TypeError(e.message);
    else if (e.code === "PRESIGN_PANIC") error = new PresignError(e.message);
    if (error) {
      Error.captureStackTrace(error, method);
      throw error;
    }
  }
  throw e;
}

// What typeof says, as the native side names types in its TypeErrors.
function typeName(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "Date";
  return typeof value;
}

function emit(warnings) {
  for (const warning of warnings) process.emitWarning(warning, "PresignWarning");
}

const NATIVE = Symbol("presign.native");

/**
 * Signs presigned S3 URLs and POST forms for one set of credentials and one endpoint.
 * Immutable; the secret key stays in native memory and is never shown.
 */
class Presigner {
  #native;

  constructor(options) {
    if (options !== null && typeof options === "object" && NATIVE in options) {
      this.#native = options[NATIVE];
    } else {
      try {
        this.#native = new native.NativePresigner(options);
      } catch (e) {
        rethrow(e, Presigner);
      }
    }
    emit(this.#native.takeWarnings());
    Object.freeze(this);
  }

  /**
   * The settings the CLI would use: these options, then a profile named by `profile`,
   * the PRESIGN_* and AWS_* variables of process.env, presign's profile file and the AWS
   * shared files.
   */
  static fromEnv(options) {
    let n;
    try {
      n = native.NativePresigner.fromEnv(options, process.env);
    } catch (e) {
      rethrow(e, Presigner.fromEnv);
    }
    return new Presigner({ [NATIVE]: n });
  }

  get accessKey() { return this.#native.accessKey; }
  get endpoint() { return this.#native.endpoint; }
  get region() { return this.#native.region; }
  get signature() { return this.#native.signature; }
  get addressing() { return this.#native.addressing; }
  get expires() { return this.#native.expires; }

  get(bucket, key, options) {
    try { return this.#native.get(bucket, key, options); } catch (e) { rethrow(e, this.get); }
  }
  head(bucket, key, options) {
    try { return this.#native.head(bucket, key, options); } catch (e) { rethrow(e, this.head); }
  }
  put(bucket, key, options) {
    try { return this.#native.put(bucket, key, options); } catch (e) { rethrow(e, this.put); }
  }
  delete(bucket, key, options) {
    try { return this.#native.delete(bucket, key, options); } catch (e) { rethrow(e, this.delete); }
  }
  createMultipartUpload(bucket, key, options) {
    try { return this.#native.createMultipartUpload(bucket, key, options); } catch (e) { rethrow(e, this.createMultipartUpload); }
  }
  uploadPart(bucket, key, options) {
    try { return this.#native.uploadPart(bucket, key, options); } catch (e) { rethrow(e, this.uploadPart); }
  }
  completeMultipartUpload(bucket, key, options) {
    try { return this.#native.completeMultipartUpload(bucket, key, options); } catch (e) { rethrow(e, this.completeMultipartUpload); }
  }
  abortMultipartUpload(bucket, key, options) {
    try { return this.#native.abortMultipartUpload(bucket, key, options); } catch (e) { rethrow(e, this.abortMultipartUpload); }
  }
  listObjects(bucket, options) {
    try { return this.#native.listObjects(bucket, options); } catch (e) { rethrow(e, this.listObjects); }
  }
  copyObject(bucket, key, options) {
    let url;
    try { url = this.#native.copyObject(bucket, key, options); } catch (e) { rethrow(e, this.copyObject); }
    emit(this.#native.takeWarnings());
    return url;
  }
  uploadPartCopy(bucket, key, options) {
    try { return this.#native.uploadPartCopy(bucket, key, options); } catch (e) { rethrow(e, this.uploadPartCopy); }
  }
  getMany(bucket, keys, options) {
    // The keys cross into Rust as one string and their lengths, and the URLs come back
    // as a few long strings that are sliced here (V8 shares their memory): far cheaper
    // than a Node-API call per key and per URL.
    if (!Array.isArray(keys)) {
      throw new TypeError(`keys: expected an array of strings, not ${typeName(keys)}`);
    }
    const lengths = new Uint32Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (typeof key !== "string") throw new TypeError(`keys[${i}]: expected a string, not ${typeName(key)}`);
      lengths[i] = key.length;
    }
    let chunks;
    try { chunks = this.#native.getMany(bucket, keys.join(""), lengths, options); } catch (e) { rethrow(e, this.getMany); }
    const urls = new Array(keys.length);
    let n = 0;
    for (let c = 0; c < chunks.length; c += 2) {
      const text = chunks[c], ends = chunks[c + 1];
      let start = 0;
      for (let i = 0; i < ends.length; i++) {
        urls[n++] = text.slice(start, ends[i]);
        start = ends[i];
      }
    }
    return urls;
  }
  post(bucket, key, options) {
    let form;
    try { form = this.#native.post(bucket, key, options); } catch (e) { rethrow(e, this.post); }
    emit(this.#native.takeWarnings());
    return form;
  }

  /** What is safe to show: everything but the secret key and the session token. */
  toJSON() {
    return {
      accessKey: this.accessKey,
      endpoint: this.endpoint,
      region: this.region,
      signature: this.signature,
      addressing: this.addressing,
      expires: this.expires,
    };
  }

  [util.inspect.custom](depth, options, inspect) {
    return `Presigner ${inspect(this.toJSON(), options)}`;
  }

  get [Symbol.toStringTag]() {
    return "Presigner";
  }
}

/** What a presigned URL says about itself, without keys. */
function inspect(url, options) {
  try { return native.inspect(url, options); } catch (e) { rethrow(e, inspect); }
}

/** Recomputes a presigned URL's signature offline, as a server would. */
function verify(url, options) {
  try { return native.verify(url, options); } catch (e) { rethrow(e, verify); }
}

module.exports = { Presigner, PresignError, inspect, verify, version: native.version() };
Object.defineProperty(module.exports, "_panicForTest", {
  value() {
    try { native._panicForTest(); } catch (e) { rethrow(e, module.exports._panicForTest); }
  },
});
