//! What a POST policy allows: the settings presign turns into form fields and policy
//! conditions, in the order it puts them (the order the golden cases give botocore).

use crate::error::Error;
use crate::post::json::push_json_string;
use crate::request::headers::SignedHeaders;
use std::fmt::Write;

/// The key suffix that lets the uploader's file name complete the key (as botocore and S3
/// read it: the server puts the file's name in its place).
pub const FILENAME_PLACEHOLDER: &str = "${filename}";

/// The largest object one POST (or PUT) can create on S3: 5 GiB. The size range ends here
/// when only a minimum is given.
pub const MAX_POST_SIZE: u64 = 5 * 1024 * 1024 * 1024;

/// Form fields, in the order they are sent: (name, value).
pub type FormFields = Vec<(String, String)>;

/// One condition of a POST policy.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Condition {
    /// `{"field": "value"}`: the form field must be exactly `value`.
    Equals(String, String),
    /// `["starts-with", "$field", "prefix"]`: the form field must start with `prefix`
    /// (an empty prefix allows any value).
    StartsWith(String, String),
    /// `["content-length-range", min, max]`: the file's length in bytes, both ends allowed.
    ContentLengthRange(u64, u64),
}

impl Condition {
    /// Appends the condition as Python's `json.dumps` writes it.
    pub(crate) fn write_json(&self, out: &mut String) {
        match self {
            Condition::Equals(field, value) => {
                out.push('{');
                push_json_string(out, field);
                out.push_str(": ");
                push_json_string(out, value);
                out.push('}');
            }
            Condition::StartsWith(field, prefix) => {
                out.push_str("[\"starts-with\", ");
                push_json_string(out, &format!("${field}"));
                out.push_str(", ");
                push_json_string(out, prefix);
                out.push(']');
            }
            Condition::ContentLengthRange(min, max) => {
                let _ = write!(out, "[\"content-length-range\", {min}, {max}]");
            }
        }
    }
}

/// What the uploaded file's `Content-Type` form field may be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContentTypeRule {
    /// Exactly this type; presign puts it in the form's fields.
    Exact(String),
    /// Any type starting with this prefix (empty: any type); the uploader sends the field.
    StartsWith(String),
}

/// The status S3 answers a successful upload with, when no redirect is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuccessStatus {
    /// 200 with an empty body.
    Ok200,
    /// 201 with an XML body naming the bucket, key and ETag.
    Created201,
    /// 204 with no body (S3's default).
    NoContent204,
}

impl SuccessStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SuccessStatus::Ok200 => "200",
            SuccessStatus::Created201 => "201",
            SuccessStatus::NoContent204 => "204",
        }
    }
}

/// What an upload through the form may be, beyond its bucket and key.
///
/// Each setting becomes a form field and the condition that allows it (a field without
/// a condition is refused by every server; botocore leaves that to the caller). They are
/// added in this documented order, which is also the order the golden cases pass them to
/// botocore in:
///
/// | order | setting | field | condition |
/// |---|---|---|---|
/// | 1 | `acl` | `acl` | `{"acl": ACL}` |
/// | 2 | `content_type` | `Content-Type` (exact only) | `{"Content-Type": T}` or `["starts-with", "$Content-Type", P]` |
/// | 3 | `size` | | `["content-length-range", MIN, MAX]` |
/// | 4 | `meta`, as given | `x-amz-meta-KEY` | `{"x-amz-meta-KEY": V}` |
/// | 5 | `success_status` | `success_action_status` | `{"success_action_status": "201"}` |
/// | 6 | `redirect` | `success_action_redirect` | `{"success_action_redirect": URL}` |
/// | 7 | `fields`, as given | `NAME` | `{"NAME": VALUE}` |
///
/// Fields come first in the form, in that order; botocore then adds `key` and the auth
/// fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PostPolicy {
    /// A canned ACL, e.g. `public-read`.
    pub acl: Option<String>,
    pub content_type: Option<ContentTypeRule>,
    /// The file's length in bytes: at least `.0`, at most `.1`.
    pub size: Option<(u64, u64)>,
    /// User metadata: (key, value); the field is `x-amz-meta-` and the key, lowercased.
    pub meta: Vec<(String, String)>,
    pub success_status: Option<SuccessStatus>,
    /// Where the browser goes after the upload (`success_action_redirect`): an http(s) URL.
    pub redirect: Option<String>,
    /// Any other form field, fixed to a value (e.g. `Cache-Control`, `x-amz-storage-class`).
    pub fields: Vec<(String, String)>,
}

/// Field names presign sets itself: a caller's field of that name would fight them.
const OWN_FIELDS: [&str; 11] = [
    "key",
    "bucket",
    "policy",
    "file",
    "x-amz-algorithm",
    "x-amz-credential",
    "x-amz-date",
    "x-amz-signature",
    "x-amz-security-token",
    "awsaccesskeyid",
    "signature",
];

/// Field names with a setting of their own, and the option to use instead.
const FIELDS_WITH_OPTIONS: [(&str, &str); 5] = [
    ("acl", "--acl"),
    ("content-type", "--content-type or --content-type-prefix"),
    ("success_action_status", "--success-status"),
    ("success_action_redirect", "--redirect"),
    ("redirect", "--redirect"),
];

impl PostPolicy {
    /// The form fields and the policy conditions, in the documented order, after checking
    /// every value.
    pub fn fields_and_conditions(&self) -> Result<(FormFields, Vec<Condition>), Error> {
        let mut fields = Vec::new();
        let mut conditions = Vec::new();
        if let Some(acl) = &self.acl {
            check_header_value("x-amz-acl", acl)?;
            fields.push(("acl".to_owned(), acl.clone()));
            conditions.push(Condition::Equals("acl".to_owned(), acl.clone()));
        }
        match &self.content_type {
            Some(ContentTypeRule::Exact(t)) => {
                check_header_value("content-type", t)?;
                fields.push(("Content-Type".to_owned(), t.clone()));
                conditions.push(Condition::Equals("Content-Type".to_owned(), t.clone()));
            }
            Some(ContentTypeRule::StartsWith(p)) => {
                if !p.is_empty() {
                    check_header_value("content-type", p)?;
                }
                conditions.push(Condition::StartsWith("Content-Type".to_owned(), p.clone()));
            }
            None => {}
        }
        if let Some((min, max)) = self.size {
            if min > max {
                return Err(Error::SizeRangeBackwards { min, max });
            }
            conditions.push(Condition::ContentLengthRange(min, max));
        }
        for (key, value) in &self.meta {
            let name = format!("x-amz-meta-{}", key.to_ascii_lowercase());
            check_field_name(&name)?;
            check_header_value(&name, value)?;
            if fields.iter().any(|(n, _)| *n == name) {
                return Err(Error::DuplicateField { name });
            }
            fields.push((name.clone(), value.clone()));
            conditions.push(Condition::Equals(name, value.clone()));
        }
        if let Some(status) = self.success_status {
            let name = "success_action_status".to_owned();
            fields.push((name.clone(), status.as_str().to_owned()));
            conditions.push(Condition::Equals(name, status.as_str().to_owned()));
        }
        if let Some(url) = &self.redirect {
            check_redirect(url)?;
            let name = "success_action_redirect".to_owned();
            fields.push((name.clone(), url.clone()));
            conditions.push(Condition::Equals(name, url.clone()));
        }
        for (name, value) in &self.fields {
            check_field_name(name)?;
            let lower = name.to_ascii_lowercase();
            if OWN_FIELDS.contains(&lower.as_str()) {
                return Err(Error::ReservedField {
                    name: name.clone(),
                    instead: None,
                });
            }
            if let Some((_, flag)) = FIELDS_WITH_OPTIONS.iter().find(|(n, _)| *n == lower) {
                return Err(Error::ReservedField {
                    name: name.clone(),
                    instead: Some(flag),
                });
            }
            if lower.starts_with("x-amz-meta-") {
                return Err(Error::ReservedField {
                    name: name.clone(),
                    instead: Some("--meta"),
                });
            }
            if fields.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                return Err(Error::DuplicateField { name: name.clone() });
            }
            fields.push((name.clone(), value.clone()));
            conditions.push(Condition::Equals(name.clone(), value.clone()));
        }
        Ok((fields, conditions))
    }
}

/// Metadata, ACLs and content types end up as headers on the object.
fn check_header_value(name: &str, value: &str) -> Result<(), Error> {
    SignedHeaders::new().insert_str(name, value)?;
    if !value.is_ascii() {
        return Err(Error::InvalidHeaderValue {
            name: name.to_owned(),
            value: value.to_owned(),
            reason: "it is not plain ASCII",
        });
    }
    Ok(())
}

/// Field names travel in a multipart header, quoted, and in curl's `NAME=VALUE`.
fn check_field_name(name: &str) -> Result<(), Error> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err(Error::InvalidFieldName {
            name: name.to_owned(),
        });
    }
    Ok(())
}

fn check_redirect(value: &str) -> Result<(), Error> {
    let reason = match url::Url::parse(value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => return Ok(()),
        Ok(_) => "it must be an http:// or https:// URL",
        Err(_) => "it is not a URL; write it as https://host/path",
    };
    Err(Error::InvalidRedirect {
        value: value.to_owned(),
        reason,
    })
}
