//! The flags that bound what the holder of a URL may do (issue 17): a pinned size,
//! create-only, encryption, requester pays, object lock, headers inside the URL, and the
//! flags of `list`, `copy` and `multipart part-copy`. Values stay strings here;
//! `commands::url::flags` checks them and says which header or parameter each becomes.

use crate::cli::args::{ObjectHeaders, OutputArgs};
use clap::Args as ClapArgs;
use std::fmt;

/// Flags every presigned operation takes.
#[derive(Debug, ClapArgs)]
#[command(next_help_heading = "Request")]
pub struct RequestOptions {
    /// Sign x-amz-request-payer: requester, for Requester Pays buckets: the holder's
    /// request is billed to the bucket owner's requester, not refused.
    #[arg(long)]
    pub request_payer: bool,

    /// Sign x-amz-expected-bucket-owner: the request fails unless the bucket belongs to
    /// this 12-digit AWS account.
    #[arg(long, value_name = "ACCOUNT")]
    pub expected_bucket_owner: Option<String>,

    /// Put the signed x-amz-* headers that servers also read from the query (metadata,
    /// ACL, storage class, request payer, object lock, expected owner) into the URL, so
    /// the holder need not send them (SigV4 only). SSE, SSE-C, tagging, checksums,
    /// content-* and conditional headers stay headers.
    #[arg(long)]
    pub in_url: bool,
}

/// Conditional writes: `put`, `multipart complete`, `copy`.
#[derive(Debug, ClapArgs)]
#[command(next_help_heading = "Conditions")]
pub struct Conditions {
    /// '*': sign If-None-Match: *, so the URL creates the object and never overwrites one
    /// (412 when it exists; SigV4 only).
    #[arg(long, value_name = "*")]
    pub if_none_match: Option<String>,

    /// Sign If-Match: ETAG, so the URL only overwrites that version (412 otherwise; SigV4
    /// only).
    #[arg(long, value_name = "ETAG")]
    pub if_match: Option<String>,
}

/// Server-side encryption with S3's or KMS's keys: `put`, `multipart create`, `copy`.
#[derive(Debug, ClapArgs)]
#[command(next_help_heading = "Encryption")]
pub struct Encryption {
    /// Sign x-amz-server-side-encryption: AES256, aws:kms or aws:kms:dsse.
    #[arg(long, value_name = "ALGORITHM")]
    pub sse: Option<String>,

    /// The KMS key (id, ARN or alias) for --sse aws:kms or aws:kms:dsse.
    #[arg(long, value_name = "KEY")]
    pub sse_kms_key_id: Option<String>,

    /// The KMS encryption context, a JSON object (presign base64s it, as S3 wants).
    #[arg(long, value_name = "JSON")]
    pub sse_kms_context: Option<String>,

    /// Use an S3 Bucket Key for --sse aws:kms.
    #[arg(long)]
    pub sse_bucket_key: bool,
}

/// SSE-C: the object is encrypted with a key the client sends. `Debug` is written by hand:
/// the key is a secret.
#[derive(ClapArgs)]
#[command(next_help_heading = "Encryption")]
pub struct CustomerKey {
    /// SSE-C: the 256-bit key, base64, or @FILE holding its 32 bytes. presign signs the
    /// algorithm, the key and its MD5; the key is printed only in -o json and -o curl,
    /// because the holder must send it with every request.
    #[arg(long, value_name = "BASE64|@FILE")]
    pub sse_c_key: Option<String>,
}

impl fmt::Debug for CustomerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomerKey")
            .field("sse_c_key", &self.sse_c_key.as_ref().map(|_| "(redacted)"))
            .finish()
    }
}

/// Object lock on the new object: `put`, `multipart create`, `copy`.
#[derive(Debug, ClapArgs)]
#[command(next_help_heading = "Object lock")]
pub struct ObjectLock {
    /// GOVERNANCE or COMPLIANCE (needs --object-lock-retain-until).
    #[arg(long, value_name = "MODE")]
    pub object_lock_mode: Option<String>,

    /// Keep the object until TIME (RFC 3339, after the signing time: now or --at).
    #[arg(long, value_name = "TIME")]
    pub object_lock_retain_until: Option<String>,

    /// Legal hold: on or off.
    #[arg(long, value_name = "on|off")]
    pub legal_hold: Option<String>,
}

/// `presign list BUCKET[/PREFIX]`: ListObjectsV2.
#[derive(Debug, ClapArgs)]
pub struct List {
    /// BUCKET, BUCKET/PREFIX or s3://BUCKET/PREFIX: the listing holds only keys under
    /// PREFIX.
    #[arg(value_name = "BUCKET[/PREFIX]")]
    pub target: String,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Roll keys up to the next DELIMITER into common prefixes ('/': one folder level).
    #[arg(long, value_name = "DELIMITER", help_heading = "Listing")]
    pub delimiter: Option<String>,

    /// At most N keys in one answer (1 to 1000).
    #[arg(long, value_name = "N", help_heading = "Listing")]
    pub max_keys: Option<String>,

    /// Start after this key.
    #[arg(long, value_name = "KEY", help_heading = "Listing")]
    pub start_after: Option<String>,

    /// Go on from a truncated answer's NextContinuationToken.
    #[arg(long, value_name = "TOKEN", help_heading = "Listing")]
    pub continuation_token: Option<String>,

    /// Name each object's owner.
    #[arg(long, help_heading = "Listing")]
    pub fetch_owner: bool,

    #[command(flatten)]
    pub request: RequestOptions,
}

/// Where a server-side copy reads from. `Debug` is written by hand: the source's SSE-C
/// key is a secret.
#[derive(ClapArgs)]
#[command(next_help_heading = "Source")]
pub struct CopySource {
    /// The SSE-C key the source is encrypted with (BASE64 or @FILE, 32 bytes); printed only
    /// in -o json and -o curl, as --sse-c-key.
    #[arg(long, value_name = "BASE64|@FILE")]
    pub copy_source_sse_c_key: Option<String>,

    /// Copy this version of the source.
    #[arg(long, value_name = "ID")]
    pub source_version_id: Option<String>,

    /// Copy only if the source's ETag is ETAG.
    #[arg(long, value_name = "ETAG")]
    pub copy_source_if_match: Option<String>,

    /// Copy only if the source's ETag is not ETAG.
    #[arg(long, value_name = "ETAG")]
    pub copy_source_if_none_match: Option<String>,

    /// Copy only if the source changed since DATE (HTTP date, RFC 3339 or epoch seconds).
    #[arg(long, value_name = "DATE")]
    pub copy_source_if_modified_since: Option<String>,

    /// Copy only if the source did not change since DATE.
    #[arg(long, value_name = "DATE")]
    pub copy_source_if_unmodified_since: Option<String>,

    /// Sign x-amz-source-expected-bucket-owner: the copy fails unless the source's bucket
    /// belongs to this 12-digit AWS account.
    #[arg(long, value_name = "ACCOUNT")]
    pub expected_source_bucket_owner: Option<String>,
}

impl fmt::Debug for CopySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CopySource")
            .field(
                "copy_source_sse_c_key",
                &self.copy_source_sse_c_key.as_ref().map(|_| "(redacted)"),
            )
            .field("source_version_id", &self.source_version_id)
            .field("copy_source_if_match", &self.copy_source_if_match)
            .field("copy_source_if_none_match", &self.copy_source_if_none_match)
            .field(
                "copy_source_if_modified_since",
                &self.copy_source_if_modified_since,
            )
            .field(
                "copy_source_if_unmodified_since",
                &self.copy_source_if_unmodified_since,
            )
            .field(
                "expected_source_bucket_owner",
                &self.expected_source_bucket_owner,
            )
            .finish()
    }
}

/// `presign copy SOURCE DEST`: CopyObject.
#[derive(Debug, ClapArgs)]
pub struct Copy {
    /// The object to copy: BUCKET/KEY or s3://BUCKET/KEY.
    #[arg(value_name = "SOURCE")]
    pub source: String,

    /// The new object: BUCKET/KEY or s3://BUCKET/KEY.
    #[arg(value_name = "DEST")]
    pub dest: String,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub source_options: CopySource,

    /// COPY keeps the source's metadata; REPLACE takes the metadata flags instead.
    #[arg(long, value_name = "COPY|REPLACE", help_heading = "Object headers")]
    pub metadata_directive: Option<String>,

    /// COPY keeps the source's tags; REPLACE takes --tagging instead (no --tagging: none).
    #[arg(long, value_name = "COPY|REPLACE", help_heading = "Object headers")]
    pub tagging_directive: Option<String>,

    #[command(flatten)]
    pub object: ObjectHeaders,

    #[command(flatten)]
    pub conditions: Conditions,

    #[command(flatten)]
    pub encryption: Encryption,

    #[command(flatten)]
    pub customer_key: CustomerKey,

    #[command(flatten)]
    pub lock: ObjectLock,

    #[command(flatten)]
    pub request: RequestOptions,
}

/// `presign multipart part-copy DEST --upload-id ID --part N --source SOURCE`.
#[derive(Debug, ClapArgs)]
pub struct PartCopy {
    /// BUCKET/KEY or s3://BUCKET/KEY of the upload.
    #[arg(value_name = "DEST")]
    pub target: String,

    #[command(flatten)]
    pub output: OutputArgs,

    /// The UploadId that `multipart create`'s answer carries.
    #[arg(long, value_name = "ID", required = true, help_heading = "Upload")]
    pub upload_id: String,

    /// The part number, 1 to 10000.
    #[arg(long, value_name = "N", required = true, help_heading = "Upload")]
    pub part: String,

    /// The object to copy from: BUCKET/KEY or s3://BUCKET/KEY.
    #[arg(long, value_name = "SOURCE", required = true, help_heading = "Source")]
    pub source: String,

    /// Copy only these bytes of the source: bytes=A-B.
    #[arg(long, value_name = "bytes=A-B", help_heading = "Source")]
    pub source_range: Option<String>,

    #[command(flatten)]
    pub source_options: CopySource,

    #[command(flatten)]
    pub customer_key: CustomerKey,

    #[command(flatten)]
    pub request: RequestOptions,
}

#[cfg(test)]
mod tests {

    /// The SSE-C key is a secret: `Debug` of the parsed command line does not show it,
    /// in any subcommand that takes it.
    #[test]
    fn debug_hides_the_sse_c_key() {
        let key = "S1NFLUMtQ0FOQVJZLXNlY3JldC1rZXktMzItYnl0ZXM=";
        for cmd in [
            &["put", "b-1/k"][..],
            &["get", "b-1/k"],
            &["copy", "a-1/k", "b-1/k"],
            &[
                "multipart",
                "part-copy",
                "b-1/k",
                "--upload-id",
                "U",
                "--part",
                "1",
                "--source",
                "a/b",
            ],
        ] {
            let mut argv = vec!["presign"];
            argv.extend(cmd);
            argv.extend(["--sse-c-key", key]);
            if cmd[0] != "put" && cmd[0] != "get" {
                argv.extend(["--copy-source-sse-c-key", key]);
            }
            let args = crate::cli::args::parse_from(argv).unwrap();
            let debug = format!("{args:?} {args:#?}");
            assert!(!debug.contains(key), "{debug}");
            assert!(debug.contains("(redacted)"), "{debug}");
        }
    }
}
