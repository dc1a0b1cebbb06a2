//! The query parameters of S3 object operations, and a request's list of them.

use crate::error::Error;
use std::fmt;
use std::str::FromStr;

/// A query parameter S3 reads as part of an object operation.
///
/// Every parameter here is signed: SigV4 signs the whole query, SigV2 only its
/// sub-resources (botocore's `QSAOfInterest`), so a URL with a parameter SigV2 does not
/// sign (the ListObjectsV2 ones) is refused with SigV2 ([`Param::signed_by_sigv2`]): anyone
/// holding it could change that parameter. The variants are in the byte order of their
/// names, which is the order both signature versions sort them in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Param {
    /// `continuation-token`: ListObjectsV2 goes on from where a truncated answer stopped.
    ContinuationToken,
    /// `delimiter`: ListObjectsV2 rolls keys up to the next delimiter into prefixes.
    Delimiter,
    /// `encoding-type`: `url`, the keys of a listing come back percent-encoded (botocore
    /// always asks for it).
    EncodingType,
    /// `fetch-owner`: `true`, a listing names each object's owner.
    FetchOwner,
    /// `list-type`: `2`, marks ListObjectsV2.
    ListType,
    /// `max-keys`: at most this many keys in one listing.
    MaxKeys,
    /// `partNumber`: which part of a multipart upload (1 to 10000).
    PartNumber,
    /// `prefix`: a listing holds only keys starting with it.
    Prefix,
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
    /// `start-after`: a listing starts after this key.
    StartAfter,
    /// `uploadId`: the multipart upload a part, completion or abort belongs to.
    UploadId,
    /// `uploads`: valueless; marks `CreateMultipartUpload`.
    Uploads,
    /// `versionId`: one version of a versioned object.
    VersionId,
}

/// How many parameters one request can carry: each at most once.
pub(crate) const MAX_PARAMS: usize = 18;

impl Param {
    /// Every parameter, in name order.
    pub const ALL: [Param; MAX_PARAMS] = [
        Param::ContinuationToken,
        Param::Delimiter,
        Param::EncodingType,
        Param::FetchOwner,
        Param::ListType,
        Param::MaxKeys,
        Param::PartNumber,
        Param::Prefix,
        Param::ResponseCacheControl,
        Param::ResponseContentDisposition,
        Param::ResponseContentEncoding,
        Param::ResponseContentLanguage,
        Param::ResponseContentType,
        Param::ResponseExpires,
        Param::StartAfter,
        Param::UploadId,
        Param::Uploads,
        Param::VersionId,
    ];

    /// The name as it appears in the query string.
    pub const fn as_str(self) -> &'static str {
        match self {
            Param::ContinuationToken => "continuation-token",
            Param::Delimiter => "delimiter",
            Param::EncodingType => "encoding-type",
            Param::FetchOwner => "fetch-owner",
            Param::ListType => "list-type",
            Param::MaxKeys => "max-keys",
            Param::PartNumber => "partNumber",
            Param::Prefix => "prefix",
            Param::ResponseCacheControl => "response-cache-control",
            Param::ResponseContentDisposition => "response-content-disposition",
            Param::ResponseContentEncoding => "response-content-encoding",
            Param::ResponseContentLanguage => "response-content-language",
            Param::ResponseContentType => "response-content-type",
            Param::ResponseExpires => "response-expires",
            Param::StartAfter => "start-after",
            Param::UploadId => "uploadId",
            Param::Uploads => "uploads",
            Param::VersionId => "versionId",
        }
    }

    /// Whether SigV2's string to sign covers the parameter: only its sub-resources. The
    /// ListObjectsV2 parameters are not among them.
    pub const fn signed_by_sigv2(self) -> bool {
        !matches!(
            self,
            Param::ContinuationToken
                | Param::Delimiter
                | Param::EncodingType
                | Param::FetchOwner
                | Param::ListType
                | Param::MaxKeys
                | Param::Prefix
                | Param::StartAfter
        )
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
}
