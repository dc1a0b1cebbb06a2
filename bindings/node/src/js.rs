//! JavaScript values to presign's: text, switches, times (a `Date` or RFC 3339 text),
//! expiries (seconds or a duration such as `"15m"`), string maps, and the options object
//! each method takes, checked against the names that method allows.

use crate::error::{Result, error, type_error};
use chrono::{DateTime, Utc};
use napi::bindgen_prelude::{JsValue, Object, Uint8Array, Unknown};
use napi::{JsString, ValueType};
use presign::Expiry;

/// What `typeof` (or `Array.isArray`, `null`) says of `value`, for a `TypeError`.
pub fn type_name(value: &Unknown<'_>) -> &'static str {
    match value.get_type() {
        Ok(ValueType::Undefined) => "undefined",
        Ok(ValueType::Null) => "null",
        Ok(ValueType::Boolean) => "boolean",
        Ok(ValueType::Number) => "number",
        Ok(ValueType::String) => "string",
        Ok(ValueType::Symbol) => "symbol",
        Ok(ValueType::Function) => "function",
        Ok(ValueType::BigInt) => "bigint",
        Ok(ValueType::Object) if value.is_array().unwrap_or(false) => "array",
        Ok(ValueType::Object) if value.is_date().unwrap_or(false) => "Date",
        _ => "object",
    }
}

fn expected(what: &str, kind: &str, value: &Unknown<'_>) -> crate::error::Fail {
    type_error(format!("{what}: expected {kind}, not {}", type_name(value)))
}

/// Whether `value` is `undefined` or `null`: the option is not given.
pub fn absent(value: &Unknown<'_>) -> bool {
    matches!(value.get_type(), Ok(ValueType::Undefined | ValueType::Null))
}

fn string(value: &Unknown<'_>) -> Result<String> {
    let s: JsString<'_> = value.coerce_to_string()?;
    Ok(s.into_utf8()?.into_owned()?)
}

/// A string, else a `TypeError` naming `what`.
pub fn text(what: &str, value: &Unknown<'_>) -> Result<String> {
    if value.get_type()? != ValueType::String {
        return Err(expected(what, "a string", value));
    }
    string(value)
}

/// A boolean, else a `TypeError`.
pub fn boolean(what: &str, value: &Unknown<'_>) -> Result<bool> {
    if value.get_type()? != ValueType::Boolean {
        return Err(expected(what, "a boolean", value));
    }
    Ok(value.coerce_to_bool()?)
}

/// A whole number of at least 0 and at most 2^53, as text, else an error.
pub fn whole(what: &str, value: &Unknown<'_>) -> Result<u64> {
    if value.get_type()? != ValueType::Number {
        return Err(expected(what, "a number", value));
    }
    let n = value.coerce_to_number()?.get_double()?;
    if n.fract() != 0.0 || !(0.0..=9_007_199_254_740_992.0).contains(&n) {
        return Err(error(
            what,
            format!("{n} is not a whole number from 0 to 2^53"),
        ));
    }
    Ok(n as u64)
}

/// `at`: absent (now), a `Date` or RFC 3339 text, to the whole second.
pub fn time(what: &str, value: Option<&Unknown<'_>>) -> Result<DateTime<Utc>> {
    match value.filter(|v| !absent(v)) {
        None => Ok(Utc::now()),
        Some(v) => instant(what, v),
    }
}

/// A `Date` or RFC 3339 text, to the whole second (as botocore's strftime keeps it).
pub fn instant(what: &str, value: &Unknown<'_>) -> Result<DateTime<Utc>> {
    if value.get_type()? == ValueType::String {
        return presign::parse_time(&string(value)?).map_err(|e| error(what, e));
    }
    if !value.is_date()? {
        return Err(expected(what, "a Date or RFC 3339 text", value));
    }
    let ms = value.coerce_to_number()?.get_double()?;
    if !ms.is_finite() {
        return Err(error(what, "the Date is invalid (its time is NaN)"));
    }
    let seconds = (ms / 1000.0).floor() as i64;
    DateTime::from_timestamp(seconds, 0).ok_or_else(|| {
        error(
            what,
            format!("{seconds} seconds after the epoch is outside the years 1970 to 9999"),
        )
    })
}

/// `expires`: absent (one hour), seconds (a number) or a duration as the CLI takes it
/// (`"15m"`, `"12h"`, `"7d"`).
pub fn expiry(value: Option<&Unknown<'_>>) -> Result<Expiry> {
    let Some(value) = value.filter(|v| !absent(v)) else {
        return Ok(Expiry::default());
    };
    let text = match value.get_type()? {
        ValueType::String => string(value)?,
        ValueType::Number => {
            let n = value.coerce_to_number()?.get_double()?;
            if n.fract() != 0.0 || !n.is_finite() {
                return Err(error(
                    "expires",
                    format!("{n} is not a whole number of seconds"),
                ));
            }
            format!("{n}")
        }
        _ => {
            return Err(expected(
                "expires",
                "seconds (a number) or a duration such as \"15m\"",
                value,
            ));
        }
    };
    text.parse::<Expiry>().map_err(|e| error("expires", e))
}

/// A plain object of strings (`{ owner: "ci" }`), its entries in their order.
pub fn pairs(what: &str, value: &Unknown<'_>) -> Result<Vec<(String, String)>> {
    if value.get_type()? != ValueType::Object || value.is_array()? {
        return Err(expected(what, "an object of strings", value));
    }
    let object = value.coerce_to_object()?;
    let mut out = Vec::new();
    for name in Object::keys(&object)? {
        let item: Unknown<'_> = object.get(&name)?.ok_or_else(|| {
            type_error(format!("{what}.{name}: expected a string, not undefined"))
        })?;
        out.push((name.clone(), text(&format!("{what}.{name}"), &item)?));
    }
    Ok(out)
}

/// The options object of one call, its names checked against those the method takes.
pub struct Given<'env> {
    object: Option<Object<'env>>,
    values: Vec<(&'static str, Unknown<'env>)>,
}

impl<'env> Given<'env> {
    /// Reads `options` (absent, or a plain object) for `method`, which takes `allowed`;
    /// an unknown name is a `TypeError`, as a misspelt option would otherwise be ignored.
    /// `undefined` and `null` values count as not given.
    pub fn read(
        method: &str,
        options: Option<Unknown<'env>>,
        allowed: &[&[&'static str]],
    ) -> Result<Self> {
        let mut given = Given {
            object: None,
            values: Vec::new(),
        };
        let Some(options) = options.filter(|o| !absent(o)) else {
            return Ok(given);
        };
        if options.get_type()? != ValueType::Object || options.is_array()? {
            return Err(expected(
                &format!("{method}()"),
                "an options object",
                &options,
            ));
        }
        let object = options.coerce_to_object()?;
        for name in Object::keys(&object)? {
            let Some(&known) = allowed.iter().flat_map(|g| g.iter()).find(|k| **k == name) else {
                return Err(type_error(format!(
                    "{method}(): unknown option {name:?}; it takes {}",
                    allowed
                        .iter()
                        .flat_map(|g| g.iter())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            };
            if let Some(value) = object.get::<Unknown<'env>>(&name)?
                && !absent(&value)
            {
                given.values.push((known, value));
            }
        }
        given.object = Some(object);
        Ok(given)
    }

    /// The value of option `name`, when given.
    pub fn get(&self, name: &str) -> Option<&Unknown<'env>> {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The names given, in their order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.values.iter().map(|(n, _)| *n)
    }

    /// Option `name` as a string, when given.
    pub fn text(&self, name: &str) -> Result<Option<String>> {
        self.get(name).map(|v| text(name, v)).transpose()
    }

    /// Option `name` as a boolean (`false` when not given).
    pub fn flag(&self, name: &str) -> Result<bool> {
        Ok(self
            .get(name)
            .map(|v| boolean(name, v))
            .transpose()?
            .unwrap_or(false))
    }

    /// Option `name` as an object of strings (empty when not given).
    pub fn pairs(&self, name: &str) -> Result<Vec<(String, String)>> {
        Ok(self
            .get(name)
            .map(|v| pairs(name, v))
            .transpose()?
            .unwrap_or_default())
    }

    /// Option `name` as bytes, when it is a `Uint8Array` (a `Buffer`).
    pub fn bytes(&self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        if !value.is_typedarray()? {
            return Ok(None);
        }
        let Some(object) = &self.object else {
            return Ok(None);
        };
        let array: Option<Uint8Array> = object
            .get(name)
            .map_err(|_| type_error(format!("{name}: expected a Uint8Array (a Buffer)")))?;
        Ok(array.map(|a| a.to_vec()))
    }
}
