//! The flags of the subcommands that print presigned URLs: get, head, put, delete and
//! multipart. Values stay strings here; `commands::url` checks them.

use crate::cli::args::request::{
    Conditions, CustomerKey, Encryption, ObjectLock, PartCopy, RequestOptions,
};
use crate::cli::args::{ObjectHeaders, OutputArgs};
use clap::{Args as ClapArgs, Subcommand};
use std::path::PathBuf;

#[derive(Debug, ClapArgs)]
pub struct Targets {
    /// BUCKET/KEY or s3://BUCKET/KEY; the key is every byte after the first '/'. A lone
    /// '-' reads targets from stdin, one per line. Put '--' before targets starting with '-'.
    #[arg(value_name = "TARGET", required = true)]
    pub targets: Vec<String>,
}

#[derive(Debug, ClapArgs)]
pub struct Download {
    #[command(flatten)]
    pub targets: Targets,

    #[command(flatten)]
    pub output: OutputArgs,

    /// The object version to read.
    #[arg(long, value_name = "ID", help_heading = "Object")]
    pub version_id: Option<String>,

    /// Make browsers save the download as NAME (sets response-content-disposition).
    #[arg(
        long,
        value_name = "NAME",
        conflicts_with = "response_content_disposition",
        help_heading = "Response headers"
    )]
    pub download_as: Option<String>,

    /// The Content-Type the server answers with.
    #[arg(long, value_name = "TYPE", help_heading = "Response headers")]
    pub response_content_type: Option<String>,

    /// The Content-Disposition the server answers with, as written.
    #[arg(long, value_name = "VALUE", help_heading = "Response headers")]
    pub response_content_disposition: Option<String>,

    /// The Cache-Control the server answers with.
    #[arg(long, value_name = "VALUE", help_heading = "Response headers")]
    pub response_cache_control: Option<String>,

    /// The Content-Encoding the server answers with.
    #[arg(long, value_name = "VALUE", help_heading = "Response headers")]
    pub response_content_encoding: Option<String>,

    /// The Content-Language the server answers with.
    #[arg(long, value_name = "VALUE", help_heading = "Response headers")]
    pub response_content_language: Option<String>,

    /// The Expires the server answers with: an HTTP date, RFC 3339 or epoch seconds.
    #[arg(long, value_name = "DATE", help_heading = "Response headers")]
    pub response_expires: Option<String>,

    /// Signed Range header, e.g. bytes=0-99 (SigV4 only): the client must send it.
    #[arg(long, value_name = "RANGE", help_heading = "Object")]
    pub range: Option<String>,

    #[command(flatten)]
    pub customer_key: CustomerKey,

    #[command(flatten)]
    pub request: RequestOptions,
}

#[derive(Debug, ClapArgs)]
pub struct Upload {
    #[command(flatten)]
    pub targets: Targets,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub object: ObjectHeaders,

    #[command(flatten)]
    pub integrity: Integrity,

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

/// Digests that pin the exact bytes of an upload. Each takes the base64 value, or @FILE
/// to compute it from FILE. The size is listed among the conditions.
#[derive(Debug, ClapArgs)]
#[command(next_help_heading = "Checksums")]
pub struct Integrity {
    /// Sign Content-Length: the URL takes exactly N bytes, or the size of FILE (SigV4
    /// only).
    #[arg(long, value_name = "N|@FILE", help_heading = "Conditions")]
    pub content_length: Option<String>,

    /// Content-MD5 of the body (BASE64 or @FILE).
    #[arg(long, value_name = "BASE64|@FILE")]
    pub content_md5: Option<String>,

    /// x-amz-checksum-sha256 of the body (BASE64 or @FILE).
    #[arg(long, value_name = "BASE64|@FILE")]
    pub checksum_sha256: Option<String>,

    /// x-amz-checksum-sha1 of the body (BASE64 or @FILE).
    #[arg(long, value_name = "BASE64|@FILE")]
    pub checksum_sha1: Option<String>,

    /// x-amz-checksum-crc32 of the body (BASE64 or @FILE).
    #[arg(long, value_name = "BASE64|@FILE")]
    pub checksum_crc32: Option<String>,

    /// x-amz-checksum-crc32c of the body (BASE64 or @FILE).
    #[arg(long, value_name = "BASE64|@FILE")]
    pub checksum_crc32c: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct Delete {
    #[command(flatten)]
    pub targets: Targets,

    #[command(flatten)]
    pub output: OutputArgs,

    /// The object version to delete.
    #[arg(long, value_name = "ID", help_heading = "Object")]
    pub version_id: Option<String>,

    #[command(flatten)]
    pub request: RequestOptions,
}

#[derive(Debug, Subcommand)]
pub enum Multipart {
    /// Start an upload: a POST URL; its answer carries the UploadId.
    Create(MultipartCreate),
    /// One PUT URL per part, of FILE (--file) or numbered (--parts); keep each answer's ETag.
    Part(MultipartPart),
    /// Finish: a POST URL for the list of parts and ETags (XML body; --etag or
    /// --parts-file makes it).
    Complete(MultipartComplete),
    /// Cancel: a DELETE URL that discards the parts uploaded so far.
    Abort(MultipartUpload),
    /// One PUT URL that copies (a range of) an existing object into a part, server-side.
    ///
    /// Send it with `curl -X PUT -H 'Content-Length: 0' URL` and the headers the note on
    /// stderr names; -o curl prints the whole line.
    PartCopy(PartCopy),
}

#[derive(Debug, ClapArgs)]
pub struct MultipartCreate {
    /// BUCKET/KEY or s3://BUCKET/KEY.
    #[arg(value_name = "TARGET")]
    pub target: String,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub object: ObjectHeaders,

    #[command(flatten)]
    pub encryption: Encryption,

    #[command(flatten)]
    pub customer_key: CustomerKey,

    #[command(flatten)]
    pub lock: ObjectLock,

    #[command(flatten)]
    pub request: RequestOptions,
}

#[derive(Debug, ClapArgs)]
// `--file` is the file the parts are cut from here, not a curl line's local file.
#[command(mut_arg("file", |a| a
    .help("The file to upload: its size makes the parts (of --part-size), so leave --parts out; -o curl prints a line per part that sends its bytes and prints 'N ETAG' for complete --parts-file")
    .help_heading("Upload")))]
pub struct MultipartPart {
    /// BUCKET/KEY or s3://BUCKET/KEY.
    #[arg(value_name = "TARGET")]
    pub target: String,

    #[command(flatten)]
    pub output: OutputArgs,

    /// The UploadId that `multipart create`'s answer carries.
    #[arg(long, value_name = "ID", required = true, help_heading = "Upload")]
    pub upload_id: String,

    /// Which parts: N (parts 1 to N) or A-B; part numbers are 1 to 10000. Without it,
    /// --file makes the parts.
    #[arg(
        long,
        value_name = "RANGE",
        required_unless_present = "file",
        help_heading = "Upload"
    )]
    pub parts: Option<String>,

    /// With --file: the size of every part but the last, 5MiB to 5GiB, in bytes or with
    /// KiB, MiB, GiB (KB, MB, GB) [default: 8MiB, doubled until 10,000 parts hold the file].
    #[arg(long, value_name = "SIZE", help_heading = "Upload")]
    pub part_size: Option<String>,

    #[command(flatten)]
    pub integrity: Integrity,

    #[command(flatten)]
    pub customer_key: CustomerKey,

    #[command(flatten)]
    pub request: RequestOptions,
}

#[derive(Debug, ClapArgs)]
pub struct MultipartUpload {
    /// BUCKET/KEY or s3://BUCKET/KEY.
    #[arg(value_name = "TARGET")]
    pub target: String,

    #[command(flatten)]
    pub output: OutputArgs,

    /// The UploadId that `multipart create`'s answer carries.
    #[arg(long, value_name = "ID", required = true, help_heading = "Upload")]
    pub upload_id: String,

    #[command(flatten)]
    pub request: RequestOptions,
}

#[derive(Debug, ClapArgs)]
pub struct MultipartComplete {
    #[command(flatten)]
    pub upload: MultipartUpload,

    /// A part's number and the ETag its upload answered, e.g. 1='"3858f6..."'
    /// (repeatable, in ascending order): -o json and -o curl then carry the XML body.
    #[arg(
        long,
        value_name = "N=ETAG",
        conflicts_with = "parts_file",
        help_heading = "Upload"
    )]
    pub etag: Vec<String>,

    /// The parts from FILE ('-': stdin), one 'N ETAG' line per part, in ascending order.
    #[arg(long, value_name = "FILE", help_heading = "Upload")]
    pub parts_file: Option<PathBuf>,

    /// Print the XML body (from --etag or --parts-file) instead of the URL.
    // No heading: listed with -o, whose output it replaces.
    #[arg(long, conflicts_with = "output", help_heading = None::<&str>)]
    pub body: bool,

    #[command(flatten)]
    pub conditions: Conditions,

    #[command(flatten)]
    pub customer_key: CustomerKey,
}
