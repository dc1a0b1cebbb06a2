//! Settings for `Presigner.from_env` from the library's chain ([`presign::settings`]), the
//! one the CLI resolves: keyword overrides, `PRESIGN_*` and `AWS_*` variables, presign's
//! profile file, the AWS shared files. And the constructor's refusal of AWS keys for the
//! default endpoint.
//!
//! The variables are read from Python's `os.environ`, not from the C environment: it is
//! what Python code (and a test that patches it) sees and changes, a read there holds the
//! GIL, so it cannot race another thread's `os.environ[...] = ...` the way a `getenv`
//! against that thread's `putenv` would, and values set in it reach the process
//! environment that `secret_key_command` runs in. Files and `secret_key_command` are
//! read as the CLI reads them ([`OsSystem`]), with the GIL released.

use crate::convert::{error, expiry, warn};
use chrono::{DateTime, Timelike, Utc};
use presign::settings::{Environment, Naming, OsSystem, Overrides, Resolved};
use presign::{AddressingStyle, Secret};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyString};
use std::ffi::OsString;
use std::path::PathBuf;

/// `from_env`'s arguments as the library's overrides, each checked for its type: the
/// constructor's keywords and the CLI's other connection options (`--expires` as
/// `expires`, the default expiry; `--config` as `config_file`). An unknown keyword is a
/// `TypeError`, as Python gives for one; `None` is the same as leaving a keyword out.
pub fn overrides(
    profile: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Overrides> {
    let mut o = Overrides {
        profile: text("profile", profile)?,
        naming: Naming::Keywords,
        ..Overrides::default()
    };
    let Some(kwargs) = kwargs else {
        return Ok(o);
    };
    for (name, value) in kwargs.iter() {
        let name: String = name.extract()?;
        let value = Some(&value).filter(|v| !v.is_none());
        match name.as_str() {
            "access_key" => o.access_key = text(&name, value)?,
            "secret_key" => o.secret_key = text(&name, value)?.map(Secret::new),
            "session_token" => o.session_token = text(&name, value)?.map(Secret::new),
            "endpoint" => o.endpoint = text(&name, value)?,
            "region" => o.region = text(&name, value)?,
            "signature" => o.signature = text(&name, value)?,
            // Checked here as the methods check it; the library takes seconds as text.
            "expires" => {
                o.expires = value
                    .map(|v| expiry(Some(v)).map(|e| e.as_secs().to_string()))
                    .transpose()?;
            }
            "addressing" => o.addressing = addressing(text(&name, value)?.as_deref())?,
            "dualstack" => o.dualstack = switch(&name, value)?,
            "fips" => o.fips = switch(&name, value)?,
            "accelerate" => o.accelerate = switch(&name, value)?,
            "config_file" => {
                o.config_file = value
                    .map(|v| {
                        v.extract::<PathBuf>()
                            .map_err(|_| expected(&name, "a path (str or os.PathLike)", v))
                    })
                    .transpose()?;
            }
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "from_env() got an unexpected keyword argument '{name}'"
                )));
            }
        }
    }
    Ok(o)
}

fn expected(keyword: &str, what: &str, value: &Bound<'_, PyAny>) -> PyErr {
    let type_name = value
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string());
    PyTypeError::new_err(format!("{keyword}: expected {what}, not {type_name}"))
}

fn text(keyword: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    let text = value
        .cast::<PyString>()
        .map_err(|_| expected(keyword, "str", value))?;
    Ok(Some(text.to_cow()?.into_owned()))
}

/// `True` turns an AWS option on over every other source; `False` leaves it to them, as
/// leaving out the CLI's flag does.
fn switch(keyword: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<bool>> {
    value
        .map(|v| {
            v.cast::<PyBool>()
                .map(|b| b.is_true())
                .map_err(|_| expected(keyword, "bool", v))
        })
        .transpose()
}

/// `addressing`: `None` (the provider's default), `"path"` or `"virtual"`.
pub fn addressing(addressing: Option<&str>) -> PyResult<Option<AddressingStyle>> {
    match addressing {
        None => Ok(None),
        Some("path") => Ok(Some(AddressingStyle::Path)),
        Some("virtual") => Ok(Some(AddressingStyle::VirtualHost)),
        Some(other) => Err(error(
            "addressing",
            format!(
                "invalid addressing style {}: use \"path\" or \"virtual\"",
                presign::quote::Quoted(other)
            ),
        )),
    }
}

/// Resolves `overrides` over `os.environ` and the files, as of now, as the CLI does; the
/// library's warnings become `UserWarning`s (also those found before an error).
pub fn resolve(py: Python<'_>, overrides: Overrides) -> PyResult<Resolved> {
    let environ = py.import("os")?.getattr("environ")?;
    let env = Environment::from_lookup(|name| {
        // os.environ holds str only; on POSIX its extraction gives back the bytes the
        // process had (surrogateescape), so a value that is not UTF-8 is reported as such.
        environ
            .call_method1("get", (name,))
            .and_then(|v| v.extract::<Option<OsString>>())
            .ok()
            .flatten()
    });
    let time = now();
    let resolved = py.detach(|| presign::settings::resolve(&overrides, &env, &OsSystem, time));
    let warnings = match &resolved {
        Ok(r) => &r.warnings,
        Err(e) => e.warnings(),
    };
    for warning in warnings {
        warn(py, warning)?;
    }
    resolved.map_err(|e| error("", e.message()))
}

/// Now, in whole seconds, as the CLI checks its settings when `--at` is not given.
fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now.with_nanosecond(0).unwrap_or(now)
}

/// The constructor without `endpoint` signs for Storj's global gateway. No AWS key is
/// sent there by default: Storj issues no key of that shape, so the URL could never work,
/// and the key id would reach Storj and everyone the URL is handed to. Refused, unlike
/// the CLI's warning for keys from presign's own variables: here nothing was set but the
/// keys, and a boto3 user's AWS keys are the likely case. AWS's documented example key id
/// is exempt, as it is from the CLI's warning.
pub fn check_default_endpoint(access_key: &str, default: &presign::Provider) -> PyResult<()> {
    if !presign::settings::is_aws_key(access_key)
        || access_key == presign::settings::AWS_EXAMPLE_KEY
    {
        return Ok(());
    }
    Err(error(
        "access_key",
        format!(
            "{} is an AWS access key id, but no endpoint was given and the default is {}, which will refuse it; pass endpoint=\"aws\" to sign for AWS S3, or the endpoint of the provider the keys are for (Presigner.from_env() picks AWS S3 for keys from AWS's variables and files)",
            presign::quote::Quoted(access_key),
            default.describe()
        ),
    ))
}
