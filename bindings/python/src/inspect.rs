//! `presign.inspect` and `presign.verify`: reading presigned URLs back.

use crate::convert::{error, time};
use chrono::{DateTime, Utc};
use presign::verify::{Timing, Verifier};
use presign::{AddressingStyle, Endpoint, Method, SignatureVersion};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

fn endpoint(text: Option<&str>) -> PyResult<Option<Endpoint>> {
    text.map(|e| e.parse().map_err(|e| error("endpoint", e)))
        .transpose()
}

fn rfc3339(t: DateTime<Utc>) -> String {
    presign::format_time(t)
}

/// What a presigned URL says about itself, as `presign inspect -o json` prints it: the
/// session token's presence, never its value.
#[pyfunction]
#[pyo3(signature = (url, *, endpoint=None, at=None))]
pub fn inspect<'py>(
    py: Python<'py>,
    url: &str,
    endpoint: Option<&str>,
    at: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let endpoint = self::endpoint(endpoint)?;
    let now = time(at)?;
    let u = presign::inspect::parse(url, endpoint.as_ref()).map_err(|e| error("url", e))?;
    let d = PyDict::new(py);
    let v4 = u.signature_version == SignatureVersion::V4;
    d.set_item("signature", if v4 { "v4" } else { "v2" })?;
    d.set_item("endpoint", u.endpoint())?;
    d.set_item(
        "addressing",
        match u.addressing {
            AddressingStyle::Path => "path",
            AddressingStyle::VirtualHost => "virtual",
        },
    )?;
    d.set_item("bucket", &*u.bucket)?;
    d.set_item("key", &*u.key)?;
    d.set_item("access_key", &*u.access_key)?;
    d.set_item("region", u.region.as_deref())?;
    d.set_item("signed_at", u.signed_at.map(rfc3339))?;
    d.set_item("expires_at", rfc3339(u.expires_at))?;
    d.set_item("expired", now > u.expires_at)?;
    let headers: Vec<&str> = u.signed_headers.iter().map(|h| &**h).collect();
    d.set_item("signed_headers", PyList::new(py, headers)?)?;
    let params = PyDict::new(py);
    for p in &u.params {
        params.set_item(&*p.name, p.shown_value().as_deref())?;
    }
    d.set_item("params", params)?;
    d.set_item("session_token", u.session_token.is_some())?;
    Ok(d)
}

/// The outcome of `presign.verify`.
#[pyclass(frozen, module = "presign", name = "Report")]
pub struct Report {
    /// Signature right for some method, signed by the given access key, valid now.
    #[pyo3(get)]
    valid: bool,
    /// The method the signature is good for (`"GET"`, ...), or None.
    #[pyo3(get)]
    method: Option<String>,
    /// Signed headers whose values were not given: without them nothing can be checked.
    /// A SigV2 URL's are the headers it has copies of in its query.
    #[pyo3(get)]
    missing_headers: Vec<String>,
    /// A SigV2 URL's signed `x-amz-meta-*` headers, which servers read from different
    /// places: s3s from the request's headers (as `method` is checked), radosgw from the
    /// query's copies (it takes the request only without them). While there are any,
    /// `valid` is False: it depends on the server.
    #[pyo3(get)]
    disputed_headers: Vec<String>,
    /// With `disputed_headers`: the method the signature is right for where they are read
    /// from the query's copies, for the request without them; or None.
    #[pyo3(get)]
    method_from_query_copies: Option<String>,
    #[pyo3(get)]
    access_key_differs: bool,
    /// Why a server refuses the URL whatever its signature (an expiry over 7 days, a
    /// service other than s3, `host` not signed, a region the host contradicts), or None.
    #[pyo3(get)]
    refusal: Option<String>,
    /// `"valid"`, `"expired"` or `"not yet valid"`.
    #[pyo3(get)]
    timing: &'static str,
    /// Seconds left (valid), since expiry (expired) or until valid (not yet valid).
    #[pyo3(get)]
    seconds: i64,
    /// RFC 3339.
    #[pyo3(get)]
    expires_at: String,
}

#[pymethods]
impl Report {
    fn __bool__(&self) -> bool {
        self.valid
    }

    fn __repr__(&self) -> String {
        format!(
            "Report(valid={}, method={}, timing={:?}, seconds={}, expires_at={:?}, missing_headers={:?}, disputed_headers={:?}, method_from_query_copies={}, access_key_differs={}, refusal={})",
            if self.valid { "True" } else { "False" },
            py_option(self.method.as_deref()),
            self.timing,
            self.seconds,
            self.expires_at,
            self.missing_headers,
            self.disputed_headers,
            py_option(self.method_from_query_copies.as_deref()),
            if self.access_key_differs {
                "True"
            } else {
                "False"
            },
            py_option(self.refusal.as_deref()),
        )
    }
}

/// `Some("x")` as Python writes `"x"`, `None` as `None`.
fn py_option(value: Option<&str>) -> String {
    value.map_or_else(|| "None".to_owned(), |v| format!("{v:?}"))
}

/// Recomputes a presigned URL's signature offline, as a server would, for each method.
#[pyfunction]
#[pyo3(signature = (url, access_key, secret_key, *, at=None, headers=None, endpoint=None))]
pub fn verify(
    url: &str,
    access_key: &str,
    secret_key: String,
    at: Option<&Bound<'_, PyAny>>,
    headers: Option<&Bound<'_, PyAny>>,
    endpoint: Option<&str>,
) -> PyResult<Report> {
    let endpoint = self::endpoint(endpoint)?;
    let now = time(at)?;
    let headers: Vec<(String, String)> = crate::convert::pairs("headers", headers)?
        .into_iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v))
        .collect();
    let u = presign::inspect::parse(url, endpoint.as_ref()).map_err(|e| error("url", e))?;
    let verifier = Verifier::new(access_key, presign::Secret::new(secret_key));
    let report = verifier.verify(&u, &headers, now, false);
    let (timing, seconds) = match report.timing {
        // Signed up to 15 minutes ahead: servers take it, as they do a valid one.
        Timing::Valid { seconds_left } | Timing::ValidSignedAhead { seconds_left, .. } => {
            ("valid", seconds_left)
        }
        Timing::Expired { seconds_ago } => ("expired", seconds_ago),
        Timing::NotYetValid { seconds_until } => ("not yet valid", seconds_until),
    };
    Ok(Report {
        valid: report.is_valid(),
        method: report.method.as_ref().map(Method::to_string),
        missing_headers: report.missing_headers.clone(),
        disputed_headers: report.disputed_headers.clone(),
        method_from_query_copies: report
            .method_from_query_copies
            .as_ref()
            .map(Method::to_string),
        access_key_differs: report.access_key_differs,
        refusal: report.refusal.as_ref().map(ToString::to_string),
        timing,
        seconds,
        expires_at: rfc3339(report.expires_at),
    })
}
