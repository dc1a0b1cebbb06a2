//! Python values to presign's (times, expiries, mappings), and presign's refusals and
//! warnings to Python's.

use crate::Error;
use crate::keywords::keywords;
use chrono::{DateTime, Utc};
use presign::Expiry;
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyUserWarning};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};

/// `presign.Error` with the CLI's message, prefixed by the keyword argument it is about
/// (as the CLI prefixes its flag): `expires: invalid duration "1y": ...`. The flags the
/// message names are written as keywords ([`keywords`]).
pub fn error(arg: &str, message: impl std::fmt::Display) -> PyErr {
    let message = message.to_string();
    let message = keywords(&message);
    if arg.is_empty() {
        Error::new_err(message)
    } else {
        Error::new_err(format!("{arg}: {message}"))
    }
}

/// The keyword argument a library error from building or using a presigner is about.
pub fn arg_of(e: &presign::Error) -> &'static str {
    match e {
        presign::Error::ExpiryTooLong { .. } | presign::Error::InvalidDuration { .. } => "expires",
        presign::Error::TimeOutOfRange { .. } | presign::Error::InvalidTime { .. } => "at",
        presign::Error::InvalidBucket { .. }
        | presign::Error::BucketNotDnsCompatible { .. }
        | presign::Error::DottedBucketOverHttps { .. }
        | presign::Error::AccelerateBucket { .. }
        | presign::Error::VirtualHostOnIp { .. } => "bucket",
        presign::Error::InvalidKey { .. } => "key",
        _ => "",
    }
}

/// A library error as `presign.Error`, prefixed by the argument it is about.
pub fn library(e: presign::Error) -> PyErr {
    error(arg_of(&e), e)
}

/// `at`: `None` (now), an aware `datetime` or RFC 3339 text.
pub fn time(at: Option<&Bound<'_, PyAny>>) -> PyResult<DateTime<Utc>> {
    let Some(at) = at.filter(|a| !a.is_none()) else {
        return Ok(Utc::now());
    };
    aware("at", at)
}

/// An aware `datetime` or RFC 3339 text, for keyword `arg`, to the whole second.
pub fn aware(arg: &str, at: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    if let Ok(text) = at.cast::<PyString>() {
        return presign::parse_time(&text.to_cow()?).map_err(|e| error(arg, e));
    }
    let datetime = at.py().import("datetime")?.getattr("datetime")?;
    if !at.is_instance(&datetime)? {
        return Err(PyTypeError::new_err(format!(
            "{arg}: expected an aware datetime, RFC 3339 text or None, not {}",
            at.get_type().name()?
        )));
    }
    if at.call_method0("utcoffset")?.is_none() {
        return Err(error(
            arg,
            "the datetime has no time zone; pass an aware one, e.g. datetime.now(timezone.utc)",
        ));
    }
    // `timestamp()` of an aware datetime is exact to the microsecond; signatures keep
    // whole seconds, as botocore's strftime does.
    let seconds = at.call_method0("timestamp")?.extract::<f64>()?.floor();
    whole_seconds(seconds as i64)
}

/// The instant `seconds` after the epoch, in presign's range.
pub fn whole_seconds(seconds: i64) -> PyResult<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0).ok_or_else(|| {
        error(
            "at",
            format!("{seconds} seconds after the epoch is outside the years 1970 to 9999"),
        )
    })
}

/// An integer keyword's value: a Python `int`, never a `bool`, which Python counts as an
/// int (`part_number=True` would sign part 1). Every integer keyword goes through here
/// (`part_number`, `max_keys`, `min_size`, `max_size`, `success_status`,
/// `content_length`), so each refuses what the others refuse, with a TypeError naming it;
/// a value outside `T`'s range is an OverflowError, named too.
pub fn int<T: TryFrom<i128>>(kw: &str, value: &Bound<'_, PyAny>) -> PyResult<T> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "{kw}: expected int, not {}",
            value.get_type().name()?
        )));
    }
    let out_of_range = || PyOverflowError::new_err(format!("{kw}: {value} is out of range"));
    let n: i128 = value.extract().map_err(|_| out_of_range())?;
    T::try_from(n).map_err(|_| out_of_range())
}

/// [`int`] for an optional keyword: `None` is `None`.
pub fn optional_int<T: TryFrom<i128>>(
    kw: &str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<T>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| int(kw, v))
        .transpose()
}

/// `expires`: seconds (int), a duration as the CLI takes it (`"15m"`), or a `timedelta`.
pub fn expiry(expires: Option<&Bound<'_, PyAny>>) -> PyResult<Expiry> {
    let Some(expires) = expires.filter(|e| !e.is_none()) else {
        return Ok(Expiry::default());
    };
    let text = if expires.is_instance_of::<PyBool>() || expires.is_instance_of::<PyFloat>() {
        return Err(PyTypeError::new_err(format!(
            "expires: expected seconds (int), a duration such as \"15m\" or a timedelta, not {}",
            expires.get_type().name()?
        )));
    } else if expires.is_instance_of::<PyInt>() {
        expires.str()?.to_cow()?.into_owned()
    } else if let Ok(text) = expires.cast::<PyString>() {
        text.to_cow()?.into_owned()
    } else {
        let timedelta = expires.py().import("datetime")?.getattr("timedelta")?;
        if !expires.is_instance(&timedelta)? {
            return Err(PyTypeError::new_err(format!(
                "expires: expected seconds (int), a duration such as \"15m\" or a timedelta, not {}",
                expires.get_type().name()?
            )));
        }
        let seconds: f64 = expires.call_method0("total_seconds")?.extract()?;
        if seconds.fract() != 0.0 {
            return Err(error(
                "expires",
                format!("{seconds} s is not a whole number of seconds"),
            ));
        }
        format!("{}", seconds as i64)
    };
    text.parse::<Expiry>().map_err(|e| error("expires", e))
}

/// A Python `UserWarning`, shown where the caller called, with the flags it names written
/// as keywords.
pub fn warn(py: Python<'_>, message: &str) -> PyResult<()> {
    let message = std::ffi::CString::new(keywords(message))
        .map_err(|_| PyTypeError::new_err("a warning with a NUL byte"))?;
    PyErr::warn(py, &py.get_type::<PyUserWarning>(), &message, 1)
}

/// A mapping's items, in its order, as text pairs.
pub fn pairs(arg: &str, mapping: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String)>> {
    let Some(mapping) = mapping.filter(|m| !m.is_none()) else {
        return Ok(Vec::new());
    };
    let items = mapping
        .call_method0("items")
        .map_err(|_| PyTypeError::new_err(format!("{arg}: expected a mapping of str to str")))?;
    let mut out = Vec::new();
    for item in items.try_iter()? {
        let (k, v): (String, String) = item?.extract().map_err(|_| {
            PyTypeError::new_err(format!("{arg}: expected a mapping of str to str"))
        })?;
        out.push((k, v));
    }
    Ok(out)
}
