//! What one URL is for: a method, an object, the operation's query parameters and the
//! headers the signature covers.
//!
//! Every S3 object operation is data of this one shape, signed on one path: `GetObject` is
//! `GET` with no parameters, `UploadPart` is `PUT` with `partNumber` and `uploadId`,
//! `CreateMultipartUpload` is `POST` with a valueless `uploads`, and so on. The constructors
//! below fill in the method and the parameters the operation needs; the caller adds
//! optional parameters with [`Request::param`] and signed headers with
//! [`Request::headers`].

use crate::error::Error;
use crate::headers::SignedHeaders;
use crate::target::Target;
use http::Method;
use std::fmt;
use std::str::FromStr;

/// A query parameter S3 reads as part of an object operation.
///
/// Only sub-resources that SigV2 signs (botocore's `QSAOfInterest`) are here: a parameter
/// outside the signature could be changed by anyone holding the URL. The variants are in
/// the byte order of their names, which is the order both signature versions sort them in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Param {
    /// `partNumber`: which part of a multipart upload (1 to 10000).
    PartNumber,
    /// `response-cache-control`: the `Cache-Control` the server answers a GET with.
    ResponseCacheControl,
    /// `response-content-disposition`: the `Content-Disposition` of the answer.
    ResponseContentDisposition,
    /// `response-content-encoding`: the `Content-Encoding` of the answer.
    ResponseContentEncoding,
    /// `response-content-language`: the `Content-Language` of the answer.
    ResponseContentLanguage,
    /// `response-content-type`: the `Content-Type` of the answer.
    ResponseContentType,
    /// `response-expires`: the `Expires` of the answer.
    ResponseExpires,
    /// `uploadId`: the multipart upload a part, completion or abort belongs to.
    UploadId,
    /// `uploads`: valueless; marks `CreateMultipartUpload`.
    Uploads,
    /// `versionId`: one version of a versioned object.
    VersionId,
}

/// How many parameters one request can carry: each at most once.
pub const MAX_PARAMS: usize = 10;

impl Param {
    /// Every parameter, in name order.
    pub const ALL: [Param; MAX_PARAMS] = [
        Param::PartNumber,
        Param::ResponseCacheControl,
        Param::ResponseContentDisposition,
        Param::ResponseContentEncoding,
        Param::ResponseContentLanguage,
        Param::ResponseContentType,
        Param::ResponseExpires,
        Param::UploadId,
        Param::Uploads,
        Param::VersionId,
    ];

    /// The name as it appears in the query string.
    pub const fn as_str(self) -> &'static str {
        match self {
            Param::PartNumber => "partNumber",
            Param::ResponseCacheControl => "response-cache-control",
            Param::ResponseContentDisposition => "response-content-disposition",
            Param::ResponseContentEncoding => "response-content-encoding",
            Param::ResponseContentLanguage => "response-content-language",
            Param::ResponseContentType => "response-content-type",
            Param::ResponseExpires => "response-expires",
            Param::UploadId => "uploadId",
            Param::Uploads => "uploads",
            Param::VersionId => "versionId",
        }
    }

    /// Whether the parameter has no value (`?uploads`).
    pub const fn is_valueless(self) -> bool {
        matches!(self, Param::Uploads)
    }
}

impl FromStr for Param {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self, Error> {
        Param::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| Error::UnknownParam {
                name: name.to_owned(),
            })
    }
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request's query parameters, in the order they go into the URL.
///
/// A fixed-size list: building one per URL of a batch allocates nothing.
#[derive(Clone, Copy)]
pub struct Params<'a> {
    items: [(Param, &'a str); MAX_PARAMS],
    len: usize,
}

impl<'a> Params<'a> {
    /// No parameters.
    pub const fn new() -> Self {
        Params {
            items: [(Param::Uploads, ""); MAX_PARAMS],
            len: 0,
        }
    }

    /// Adds `param = value` after the ones already there.
    ///
    /// A parameter may appear once; a valueless one takes `""`, every other one a value
    /// without control characters (it is signed decoded in SigV2's string to sign, where
    /// a line break would change the lines).
    pub fn push(&mut self, param: Param, value: &'a str) -> Result<(), Error> {
        if self.iter().any(|(p, _)| p == param) {
            return Err(Error::DuplicateParam { param });
        }
        let reason = if param.is_valueless() {
            (!value.is_empty()).then_some("it takes no value")
        } else if value.is_empty() {
            Some("it is empty")
        } else if value.chars().any(char::is_control) {
            Some("it contains a control character")
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(Error::InvalidParam {
                param,
                value: value.to_owned(),
                reason,
            });
        }
        self.items[self.len] = (param, value);
        self.len += 1;
        Ok(())
    }

    /// The parameters in URL order.
    pub fn iter(&self) -> impl Iterator<Item = (Param, &'a str)> + '_ {
        self.items[..self.len].iter().copied()
    }

    /// The value of `param`, if present.
    pub fn get(&self, param: Param) -> Option<&'a str> {
        self.iter().find(|(p, _)| *p == param).map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Indexes into `iter()` order, sorted by name: the order signatures canonicalise to.
    pub(crate) fn sorted(&self) -> ([u8; MAX_PARAMS], usize) {
        let mut order = [0u8; MAX_PARAMS];
        for (i, slot) in order.iter_mut().enumerate().take(self.len) {
            *slot = i as u8;
        }
        order[..self.len].sort_unstable_by_key(|&i| self.items[usize::from(i)].0);
        (order, self.len)
    }

    pub(crate) fn at(&self, index: u8) -> (Param, &'a str) {
        self.items[usize::from(index)]
    }
}

impl Default for Params<'_> {
    fn default() -> Self {
        Params::new()
    }
}

impl fmt::Debug for Params<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The headers of a request that signs none.
pub static NO_HEADERS: SignedHeaders = SignedHeaders::new();

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
        request.params.items[0] = (Param::Uploads, "");
        request.params.len = 1;
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
    fn params_are_declared_in_name_order() {
        let mut names: Vec<&str> = Param::ALL.iter().map(|p| p.as_str()).collect();
        let declared = names.clone();
        names.sort_unstable();
        assert_eq!(names, declared);
        let mut sorted = Param::ALL;
        sorted.sort();
        assert_eq!(sorted, Param::ALL);
    }

    #[test]
    fn param_names_parse_back() {
        for p in Param::ALL {
            assert_eq!(p.as_str().parse::<Param>().unwrap(), p);
        }
        assert!("uploadid".parse::<Param>().is_err());
    }

    #[test]
    fn params_sort_by_name_but_keep_url_order() {
        let mut p = Params::new();
        p.push(Param::VersionId, "v").unwrap();
        p.push(Param::PartNumber, "3").unwrap();
        p.push(Param::ResponseContentType, "t").unwrap();
        let urls: Vec<Param> = p.iter().map(|(p, _)| p).collect();
        assert_eq!(
            urls,
            [
                Param::VersionId,
                Param::PartNumber,
                Param::ResponseContentType
            ]
        );
        let (order, n) = p.sorted();
        let sorted: Vec<Param> = order[..n].iter().map(|&i| p.at(i).0).collect();
        assert_eq!(
            sorted,
            [
                Param::PartNumber,
                Param::ResponseContentType,
                Param::VersionId
            ]
        );
    }

    #[test]
    fn bad_params() {
        let mut p = Params::new();
        assert!(p.push(Param::Uploads, "x").is_err());
        assert!(p.push(Param::VersionId, "").is_err());
        assert!(p.push(Param::UploadId, "a\nb").is_err());
        p.push(Param::VersionId, "v1").unwrap();
        let e = p.push(Param::VersionId, "v2").unwrap_err().to_string();
        assert!(e.contains("versionId"), "{e}");
    }

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
