// Types of presign-s3: presigned S3 URLs and POST forms, byte for byte what botocore
// produces. Every option mirrors a flag of the presign CLI in camelCase.

/** A value presign cannot sign or read, with the library's message (never a secret). */
export class PresignError extends Error {
  name: "PresignError";
}

/** An instant: a Date, or RFC 3339 text such as "2026-01-01T00:00:00Z". Whole seconds count. */
export type Instant = Date | string;

/**
 * How long a URL is valid: seconds, or a duration as the CLI takes it ("90s", "15m",
 * "12h", "7d"). SigV4 allows at most 7 days.
 */
export type Expires = number | string;

/** Options every method takes. */
export interface Common {
  /** Default: one hour, or what `Presigner.fromEnv` read. */
  expires?: Expires;
  /** The signing instant. Default: now. */
  at?: Instant;
}

/** Response overrides and a version, for `get`, `head` and `getMany`. */
export interface DownloadOptions extends Common {
  versionId?: string;
  /** Let a browser save the object under this name (Unicode works); sets responseContentDisposition. */
  downloadAs?: string;
  responseContentType?: string;
  responseContentDisposition?: string;
  responseCacheControl?: string;
  responseContentEncoding?: string;
  responseContentLanguage?: string;
  /** An HTTP date, or RFC 3339 text. */
  responseExpires?: string;
  /** A signed Range header: "bytes=0-99". */
  range?: string;
}

/** Options of requests on a bucket that may be another account's. */
export interface RequestOptions {
  /** Sign x-amz-request-payer: requester. */
  requestPayer?: boolean;
  expectedBucketOwner?: string;
  /** Carry the signed headers in the URL's query instead (SigV4 only). */
  inUrl?: boolean;
}

/** A customer-provided encryption key (SSE-C). */
export interface CustomerKeyOptions {
  /** 32 bytes, or their base64. */
  sseCKey?: Uint8Array | string;
}

/** Base64 digests the upload must match. */
export interface IntegrityOptions {
  contentMd5?: string;
  checksumCrc32?: string;
  checksumCrc32c?: string;
  checksumSha1?: string;
  checksumSha256?: string;
}

/** The stored object's headers: every one is signed, so the uploader must send it. */
export interface ObjectOptions {
  contentType?: string;
  /** x-amz-meta-* headers, in this order; keys are case-insensitive. */
  metadata?: Record<string, string>;
  /** A canned ACL: "private", "public-read", ... */
  acl?: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  storageClass?: string;
  /** URL-encoded tags: "project=x&team=y". */
  tagging?: string;
}

/** Server-side encryption. */
export interface EncryptionOptions {
  /** "AES256", "aws:kms" or "aws:kms:dsse". */
  sse?: string;
  sseKmsKeyId?: string;
  /** JSON text, or an object written as JSON.stringify writes it. */
  sseKmsContext?: string | Record<string, string>;
  sseBucketKey?: boolean;
}

/** Object Lock. */
export interface LockOptions {
  /** "GOVERNANCE" or "COMPLIANCE". */
  objectLockMode?: string;
  objectLockRetainUntil?: Instant;
  /** true or "on", false or "off". */
  legalHold?: boolean | "on" | "off";
}

/** Conditional writes. */
export interface ConditionOptions {
  ifMatch?: string;
  /** "*": create only, never overwrite. */
  ifNoneMatch?: string;
}

export interface GetOptions extends DownloadOptions, RequestOptions, CustomerKeyOptions {}
export interface GetManyOptions extends Omit<DownloadOptions, "versionId">, RequestOptions, CustomerKeyOptions {}

export interface PutOptions
  extends Common, ObjectOptions, IntegrityOptions, ConditionOptions, EncryptionOptions, LockOptions, RequestOptions, CustomerKeyOptions {
  /** The exact size the upload must have, in bytes. */
  contentLength?: number;
}

export interface DeleteOptions extends Common, RequestOptions {
  versionId?: string;
}

export interface CreateMultipartUploadOptions
  extends Common, ObjectOptions, EncryptionOptions, LockOptions, RequestOptions, CustomerKeyOptions {}

export interface UploadPartOptions extends Common, IntegrityOptions, RequestOptions, CustomerKeyOptions {
  uploadId: string;
  /** 1 to 10000. */
  partNumber: number;
  contentLength?: number;
}

export interface CompleteMultipartUploadOptions extends Common, ConditionOptions, RequestOptions, CustomerKeyOptions {
  uploadId: string;
}

export interface AbortMultipartUploadOptions extends Common, RequestOptions {
  uploadId: string;
}

export interface ListObjectsOptions extends Common, RequestOptions {
  prefix?: string;
  delimiter?: string;
  maxKeys?: number;
  startAfter?: string;
  continuationToken?: string;
  fetchOwner?: boolean;
}

/** Options about the object a copy reads. */
export interface CopySourceOptions {
  /** "BUCKET/KEY". */
  source: string;
  sourceVersionId?: string;
  copySourceIfMatch?: string;
  copySourceIfNoneMatch?: string;
  copySourceIfModifiedSince?: string;
  copySourceIfUnmodifiedSince?: string;
  copySourceSseCKey?: Uint8Array | string;
  expectedSourceBucketOwner?: string;
}

export interface CopyObjectOptions
  extends Common, CopySourceOptions, ObjectOptions, ConditionOptions, EncryptionOptions, LockOptions, RequestOptions, CustomerKeyOptions {
  /** "COPY" or "REPLACE": the object headers need "REPLACE". */
  metadataDirective?: string;
  /** "COPY" or "REPLACE": tagging needs "REPLACE". */
  taggingDirective?: string;
}

export interface UploadPartCopyOptions extends Common, CopySourceOptions, RequestOptions, CustomerKeyOptions {
  uploadId: string;
  partNumber: number;
  /** "bytes=A-B" of the source. */
  sourceRange?: string;
}

export interface PostOptions extends Common {
  acl?: string;
  contentType?: string;
  contentTypePrefix?: string;
  minSize?: number;
  maxSize?: number;
  metadata?: Record<string, string>;
  successStatus?: 200 | 201 | 204;
  redirect?: string;
  /** More fields, each signed as an exact condition. */
  fields?: Record<string, string>;
}

/** A browser upload form: post every field, then the file as `file`, last. */
export interface PostForm {
  url: string;
  fields: Record<string, string>;
}

export interface PresignerOptions {
  accessKey: string;
  secretKey: string;
  sessionToken?: string | null;
  /** A preset ("aws", "r2:ACCOUNT_ID", "eu1", ...) or a URL. Default: "global" (Storj). */
  endpoint?: string;
  /** Default: the endpoint's. */
  region?: string | null;
  /** "v4" (default) or "v2". */
  signature?: "v4" | "v2";
  /** Default: the provider's. */
  addressing?: "path" | "virtual";
  dualstack?: boolean;
  fips?: boolean;
  accelerate?: boolean;
}

export interface FromEnvOptions extends Partial<PresignerOptions> {
  /** A profile of presign's profile file or the AWS shared files. */
  profile?: string;
  /** presign's profile file, over PRESIGN_CONFIG and the default places. */
  configFile?: string;
  /** The default expiry of every call. */
  expires?: Expires;
}

/** Signs presigned S3 URLs and POST forms for one set of credentials and one endpoint. */
export class Presigner {
  constructor(options: PresignerOptions);
  /**
   * The settings the CLI would use: these options, then a profile named by `profile`,
   * the PRESIGN_* and AWS_* variables of process.env, presign's profile file and the AWS
   * shared files. Keys from AWS's variables or files with no endpoint sign for AWS S3.
   */
  static fromEnv(options?: FromEnvOptions): Presigner;
  /** The access key id (not a secret: it is in every URL). */
  readonly accessKey: string;
  readonly endpoint: string;
  readonly region: string;
  readonly signature: "v4" | "v2";
  readonly addressing: "auto" | "path" | "virtual";
  /** The default expiry, in seconds. */
  readonly expires: number;
  /** A GetObject URL: download. */
  get(bucket: string, key: string, options?: GetOptions): string;
  /** A HeadObject URL: the object's metadata. */
  head(bucket: string, key: string, options?: GetOptions): string;
  /** A PutObject URL: upload. */
  put(bucket: string, key: string, options?: PutOptions): string;
  delete(bucket: string, key: string, options?: DeleteOptions): string;
  /** A CreateMultipartUpload URL (POST): its answer carries the UploadId. */
  createMultipartUpload(bucket: string, key: string, options?: CreateMultipartUploadOptions): string;
  /** An UploadPart URL (PUT). */
  uploadPart(bucket: string, key: string, options: UploadPartOptions): string;
  /** A CompleteMultipartUpload URL (POST the parts list as XML). */
  completeMultipartUpload(bucket: string, key: string, options: CompleteMultipartUploadOptions): string;
  /** An AbortMultipartUpload URL (DELETE). */
  abortMultipartUpload(bucket: string, key: string, options: AbortMultipartUploadOptions): string;
  /** A ListObjectsV2 URL (GET); keys come percent-encoded (encoding-type=url). */
  listObjects(bucket: string, options?: ListObjectsOptions): string;
  /** A CopyObject URL (PUT on bucket/key): the server copies `source`. */
  copyObject(bucket: string, key: string, options: CopyObjectOptions): string;
  /** An UploadPartCopy URL (PUT a part): the server copies `source`, or `sourceRange` of it. */
  uploadPartCopy(bucket: string, key: string, options: UploadPartCopyOptions): string;
  /** GetObject URLs for every key, in order; a large batch is signed on every core. */
  getMany(bucket: string, keys: readonly string[], options?: GetManyOptions): string[];
  /** A browser upload form (POST policy). */
  post(bucket: string, key: string, options?: PostOptions): PostForm;
  toJSON(): { accessKey: string; endpoint: string; region: string; signature: string; addressing: string; expires: number };
}

/** What a presigned URL says about itself, without keys. */
export interface Inspection {
  signature: "v4" | "v2";
  endpoint: string;
  addressing: "path" | "virtual";
  bucket: string;
  key: string;
  accessKey: string;
  region: string | null;
  signedAt: string | null;
  expiresAt: string;
  expired: boolean;
  signedHeaders: string[];
  /** Every query parameter but the signature's own. */
  params: Record<string, string | null>;
  /** Whether it carries a session token (never its value). */
  sessionToken: boolean;
}

/** The outcome of `verify`. */
export interface Verification {
  /** Signature right for some method, signed by the given access key, valid at `at`. */
  valid: boolean;
  method: string | null;
  /** Signed headers whose values were not given. */
  missingHeaders: string[];
  accessKeyDiffers: boolean;
  /** Why a server refuses the URL whatever its signature, or null. */
  refusal: string | null;
  timing: "valid" | "expired" | "not yet valid";
  /** Seconds left, since expiry, or until valid. */
  seconds: number;
  expiresAt: string;
}

export function inspect(url: string, options?: { endpoint?: string; at?: Instant }): Inspection;

export function verify(
  url: string,
  options: { accessKey: string; secretKey: string; at?: Instant; headers?: Record<string, string>; endpoint?: string },
): Verification;

export const version: string;
