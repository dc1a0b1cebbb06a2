//! What one URL is for: a method, an object, the operation's query parameters and the
//! headers the signature covers.
//!
//! Every S3 object operation is data of this one shape, signed on one path: `GetObject` is
//! `GET` with no parameters, `UploadPart` is `PUT` with `partNumber` and `uploadId`,
//! `CreateMultipartUpload` is `POST` with a valueless `uploads`, and so on. [`Request`]'s
//! constructors fill in the method and the parameters the operation needs; the caller adds
//! optional parameters with [`Request::param`] and signed headers ([`SignedHeaders`]) with
//! [`Request::headers`].
//!
//! Beside it, the values a request carries and their checks: the [`Target`] (bucket and
//! key), the options that bound what a URL's holder may do ([`RequestOptions`],
//! [`ListOptions`]), checksums ([`Checksum`]), SSE-C keys ([`CustomerKey`]), a download's
//! file name ([`attachment`]) and the checks of header values ([`check_range`], ...).

pub(crate) mod checksum;
pub(crate) mod disposition;
pub(crate) mod headers;
pub(crate) mod options;
pub(crate) mod sse_c;
pub(crate) mod target;
pub(crate) mod values;

pub use crate::encode::encode_copy_source;
pub use checksum::{Checksum, digest_stream};
pub use disposition::attachment;
pub use headers::{SECRET_HEADERS, SignedHeaders, may_go_in_query};
pub use options::{
    ListOptions, OptionHeader, RequestOptions, SIGV2_IN_URL_REFUSAL, copy_ignores, sigv2_refusal,
};
pub use sse_c::CustomerKey;
pub use target::{Target, bucket_is_dns_compatible, check_bucket, check_dns_bucket};
pub use values::{
    CANNED_ACLS, check_canned_acl, check_meta_key, check_range, check_storage_class, check_tagging,
    http_date,
};

use crate::error::Error;
use crate::param::{Param, Params};
use http::Method;
use std::fmt;

/// The headers of a request that signs none.
pub(crate) static NO_HEADERS: SignedHeaders = SignedHeaders::new();

static GET: Method = Method::GET;
static PUT: Method = Method::PUT;
static HEAD: Method = Method::HEAD;
static DELETE: Method = Method::DELETE;
static POST: Method = Method::POST;

/// One URL to presign.
///
/// ```
/// use presign::{Param, Request, Target};
///
/// let target = Target::parse("my-bucket/report.pdf")?;
/// let request = Request::get(target)
///     .param(Param::ResponseContentDisposition, "attachment; filename=\"q3.pdf\"")?;
/// assert_eq!(request.method, http::Method::GET);
/// # Ok::<(), presign::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    pub method: &'a Method,
    pub target: Target<'a>,
    /// The operation's query parameters, in URL order.
    pub params: Params<'a>,
    /// The headers the signature covers: the client must send exactly these.
    pub headers: &'a SignedHeaders,
}

impl<'a> Request<'a> {
    /// A request with any method, no parameters and no signed headers.
    pub fn new(method: &'a Method, target: Target<'a>) -> Self {
        Request {
            method,
            target,
            params: Params::new(),
            headers: &NO_HEADERS,
        }
    }

    /// `GetObject`: download.
    pub fn get(target: Target<'a>) -> Self {
        Request::new(&GET, target)
    }

    /// `HeadObject`: the object's metadata, without its body.
    pub fn head(target: Target<'a>) -> Self {
        Request::new(&HEAD, target)
    }

    /// `PutObject`: upload.
    pub fn put(target: Target<'a>) -> Self {
        Request::new(&PUT, target)
    }

    /// `DeleteObject`.
    pub fn delete(target: Target<'a>) -> Self {
        Request::new(&DELETE, target)
    }

    /// `CreateMultipartUpload`: `POST ?uploads`; the answer carries the `UploadId`.
    pub fn create_multipart_upload(target: Target<'a>) -> Self {
        let mut request = Request::new(&POST, target);
        request
            .params
            .push(Param::Uploads, "")
            .expect("an empty list takes the valueless uploads");
        request
    }

    /// `UploadPart`: `PUT ?partNumber=N&uploadId=ID`.
    pub fn upload_part(
        target: Target<'a>,
        upload_id: &'a str,
        part: &'a PartNumber,
    ) -> Result<Self, Error> {
        Request::put(target)
            .param(Param::PartNumber, part.as_str())?
            .param(Param::UploadId, upload_id)
    }

    /// `CompleteMultipartUpload`: `POST ?uploadId=ID` with the list of parts as the body.
    pub fn complete_multipart_upload(
        target: Target<'a>,
        upload_id: &'a str,
    ) -> Result<Self, Error> {
        Request::new(&POST, target).param(Param::UploadId, upload_id)
    }

    /// `AbortMultipartUpload`: `DELETE ?uploadId=ID`.
    pub fn abort_multipart_upload(target: Target<'a>, upload_id: &'a str) -> Result<Self, Error> {
        Request::delete(target).param(Param::UploadId, upload_id)
    }

    /// `ListObjectsV2`: `GET /BUCKET?list-type=2` on a [`Target::bucket_only`]; the caller
    /// adds `prefix`, `delimiter` and the rest (botocore ends with `encoding-type=url`).
    pub fn list_objects_v2(target: Target<'a>) -> Self {
        let mut request = Request::get(target);
        request
            .params
            .push(Param::ListType, "2")
            .expect("an empty list takes list-type");
        request
    }

    /// `CopyObject`: `PUT` on the new object; the signed `x-amz-copy-source` header
    /// names the source.
    pub fn copy_object(target: Target<'a>) -> Self {
        Request::put(target)
    }

    /// `UploadPartCopy`: `PUT ?partNumber=N&uploadId=ID` with a signed
    /// `x-amz-copy-source` (and optionally `x-amz-copy-source-range`).
    pub fn upload_part_copy(
        target: Target<'a>,
        upload_id: &'a str,
        part: &'a PartNumber,
    ) -> Result<Self, Error> {
        Request::upload_part(target, upload_id, part)
    }

    /// Adds a query parameter after those already there.
    pub fn param(mut self, param: Param, value: &'a str) -> Result<Self, Error> {
        self.params.push(param, value)?;
        Ok(self)
    }

    /// Sets the headers the signature covers.
    pub fn headers(mut self, headers: &'a SignedHeaders) -> Self {
        self.headers = headers;
        self
    }
}

/// A multipart part number, 1 to 10000, kept with its decimal text for the query.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartNumber {
    number: u16,
    text: [u8; 5],
    len: u8,
}

impl PartNumber {
    /// S3's limit on the number of parts of one upload.
    pub const MAX: u16 = 10_000;

    /// Part `number`, which must be 1 to 10000.
    pub fn new(number: u32) -> Result<Self, Error> {
        if !(1..=u32::from(Self::MAX)).contains(&number) {
            return Err(Error::InvalidPartNumber {
                value: number.to_string(),
            });
        }
        let mut text = [0u8; 5];
        let mut len = 0;
        let mut n = number;
        let mut digits = [0u8; 5];
        while n > 0 || len == 0 {
            digits[len] = b'0' + (n % 10) as u8;
            n /= 10;
            len += 1;
        }
        for i in 0..len {
            text[i] = digits[len - 1 - i];
        }
        Ok(PartNumber {
            number: number as u16,
            text,
            len: len as u8,
        })
    }

    pub fn get(self) -> u16 {
        self.number
    }

    /// The decimal text, as it goes into the query.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.text[..usize::from(self.len)]).expect("digits are ASCII")
    }
}

impl fmt::Debug for PartNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PartNumber({})", self.number)
    }
}

impl fmt::Display for PartNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_numbers() {
        for (n, text) in [(1, "1"), (10, "10"), (999, "999"), (10_000, "10000")] {
            assert_eq!(PartNumber::new(n).unwrap().as_str(), text);
        }
        for bad in [0, 10_001, u32::MAX] {
            assert!(PartNumber::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn operations_have_their_method_and_params() {
        let t = Target::parse("abc/k").unwrap();
        let part = PartNumber::new(7).unwrap();
        let cases = [
            (Request::get(t), "GET", ""),
            (Request::head(t), "HEAD", ""),
            (Request::put(t), "PUT", ""),
            (Request::delete(t), "DELETE", ""),
            (Request::create_multipart_upload(t), "POST", "uploads="),
            (
                Request::upload_part(t, "ID", &part).unwrap(),
                "PUT",
                "partNumber=7&uploadId=ID",
            ),
            (
                Request::complete_multipart_upload(t, "ID").unwrap(),
                "POST",
                "uploadId=ID",
            ),
            (
                Request::abort_multipart_upload(t, "ID").unwrap(),
                "DELETE",
                "uploadId=ID",
            ),
            (
                Request::list_objects_v2(Target::bucket_only("abc").unwrap()),
                "GET",
                "list-type=2",
            ),
            (Request::copy_object(t), "PUT", ""),
            (
                Request::upload_part_copy(t, "ID", &part).unwrap(),
                "PUT",
                "partNumber=7&uploadId=ID",
            ),
        ];
        for (request, method, params) in cases {
            assert_eq!(request.method.as_str(), method);
            let joined: Vec<String> = request
                .params
                .iter()
                .map(|(p, v)| format!("{p}={v}"))
                .collect();
            assert_eq!(joined.join("&"), params);
        }
    }
}
