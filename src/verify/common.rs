//! The common case of `verify -`, checked straight from the URL's text: a SigV4 URL
//! written the way signers write it (presign, botocore, the SDKs). Its path and query are
//! already in S3's encoding, so the canonical request is made of slices of the URL, and
//! nothing is decoded, allocated or copied twice.
//!
//! Everything else (SigV2, escapes S3 would write differently, a parameter without `=`,
//! a repeated auth parameter, another access key, a signature that matches no method)
//! gives `None`, and the caller takes the general way: [`crate::parse_presigned`] and
//! [`Verifier::verify`], which also word every error and every failed verdict. Where this
//! gives a report, `verify` gives the same one (`tests/verify.rs` holds them together).

use super::{Report, Scope, Scratch, Verifier, header, method_order, push_folded, timing};
use crate::encode::{is_unreserved, percent_decode};
use crate::hex;
use crate::inspect::{parse_amz_date, split_credential};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// The auth parameters, each at most once.
#[derive(Default)]
struct Auth<'u> {
    algorithm: Option<&'u str>,
    credential: Option<&'u str>,
    date: Option<&'u str>,
    expires: Option<&'u str>,
    signed_headers: Option<&'u str>,
    signature: Option<&'u str>,
    content_sha256: Option<&'u str>,
}

impl Verifier {
    /// Checks `url` as of `now` when it is a SigV4 URL in the common form and its
    /// signature matches a method with this verifier's access key; `None` otherwise (see
    /// the module's text), and the caller runs [`Verifier::verify`]. `headers` gives the
    /// values of signed headers (lowercase names).
    pub fn verify_common(
        &self,
        url: &str,
        headers: &[(String, String)],
        now: DateTime<Utc>,
    ) -> Option<Report> {
        let (https, rest) = match url.strip_prefix("https://") {
            Some(rest) => (true, rest),
            None => (false, url.strip_prefix("http://")?),
        };
        // One pass over the bytes: the host, the path, then each query pair, each checked
        // to be in S3's encoding as it goes (a byte not in it gives `None`).
        let b = rest.as_bytes();
        let mut i = b
            .iter()
            .position(|&c| !is_host_byte(c))
            .filter(|&i| i > 0)?;
        if b[i] != b'/' {
            return None;
        }
        let authority = &rest[..i];
        let host = authority
            .strip_suffix(if https { ":443" } else { ":80" })
            .unwrap_or(authority);
        let path_start = i;
        let mut high = false;
        while b.get(i) != Some(&b'?') {
            i = canonical_run(b, i, true, &mut high)?;
        }
        let path = &rest[path_start..i];
        if high && percent_decode(path).is_none() {
            return None;
        }

        let mut scratch = self.scratch.borrow_mut();
        let Scratch {
            creq,
            spans,
            credential: last_credential,
            credential_parts,
            amz_date: last_amz_date,
            signed_at: last_signed_at,
            ..
        } = &mut *scratch;
        spans.clear();
        let mut auth = Auth::default();
        let mut has = [false; 3]; // uploads, partNumber, uploadId
        let query_start = i + 1;
        let query = &rest[query_start..];
        while i + 1 < b.len() {
            // A name: unreserved bytes only (one run), then `=`.
            let start = i + 1;
            if !b.get(start).copied().is_some_and(is_unreserved) {
                return None;
            }
            i = canonical_run(b, start, false, &mut false)?;
            if b.get(i) != Some(&b'=') {
                return None;
            }
            let eq = i;
            let mut high = false;
            i += 1;
            while i < b.len() && b[i] != b'&' {
                i = canonical_run(b, i, false, &mut high)?;
            }
            let (name, value) = (&rest[start..eq], &rest[eq + 1..i]);
            if high && percent_decode(value).is_none() {
                return None;
            }
            let slot = match name {
                "X-Amz-Algorithm" => Some(&mut auth.algorithm),
                "X-Amz-Credential" => Some(&mut auth.credential),
                "X-Amz-Date" => Some(&mut auth.date),
                "X-Amz-Expires" => Some(&mut auth.expires),
                "X-Amz-SignedHeaders" => Some(&mut auth.signed_headers),
                "X-Amz-Signature" => Some(&mut auth.signature),
                "X-Amz-Content-Sha256" => Some(&mut auth.content_sha256),
                "uploads" => {
                    has[0] = true;
                    None
                }
                "partNumber" => {
                    has[1] = true;
                    None
                }
                "uploadId" => {
                    has[2] = true;
                    None
                }
                _ => None,
            };
            if let Some(slot) = slot
                && slot.replace(value).is_some()
            {
                return None;
            }
            // Every parameter but the signature is signed.
            if name != "X-Amz-Signature" {
                spans.push((start - query_start, eq - query_start, i - query_start));
            }
        }
        if auth.algorithm? != "AWS4-HMAC-SHA256" {
            return None;
        }
        let credential = auth.credential.filter(|c| !c.is_empty())?;
        if credential != last_credential {
            let parts = split_credential(credential)?;
            // As byte ranges: `parts` borrow from this URL, the next one is another.
            let at = |part: &str| part.as_ptr() as usize - credential.as_ptr() as usize;
            *credential_parts = parts.map(|p| (at(p), at(p) + p.len()));
            last_credential.clear();
            last_credential.push_str(credential);
        }
        let [access_key, date, region, service] = credential_parts.map(|(a, b)| &credential[a..b]);
        let amz_date = auth.date?;
        if amz_date != last_amz_date {
            *last_signed_at = parse_amz_date(amz_date);
            last_amz_date.clear();
            last_amz_date.push_str(amz_date);
        }
        let signed_at = (*last_signed_at)?;
        let expires_at = signed_at.checked_add_signed(chrono::TimeDelta::try_seconds(
            i64::try_from(auth.expires?.parse::<u64>().ok()?).ok()?,
        )?)?;
        let signature = auth.signature?;
        let payload = auth.content_sha256.unwrap_or("UNSIGNED-PAYLOAD");
        if access_key != self.access_key
            || amz_date[..8] != *date
            || auth.content_sha256.is_some_and(|p| p.contains('%'))
        {
            return None;
        }

        // The canonical request without its first line, the method.
        creq.clear();
        creq.push_str(path);
        creq.push('\n');
        let key = |&(s, eq, end): &(usize, usize, usize)| (&query[s..eq], &query[eq + 1..end]);
        if !spans.is_sorted_by_key(key) {
            spans.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
        }
        for (i, &(s, _, end)) in spans.iter().enumerate() {
            if i > 0 {
                creq.push('&');
            }
            creq.push_str(&query[s..end]);
        }
        creq.push('\n');
        let signed = auth.signed_headers?;
        let only_host = signed == "host";
        if only_host {
            // What nearly every URL signs, written without splitting the list.
            creq.push_str("host:");
            push_host(creq, host);
            creq.push_str("\n\nhost\n");
        } else {
            // `a%3Bb`: names that need no escape, in order, each with its value given.
            let mut previous = "";
            for name in header_names(signed) {
                if name <= previous || name.contains('%') {
                    return None;
                }
                creq.push_str(name);
                creq.push(':');
                match name {
                    "host" => push_host(creq, host),
                    _ => push_folded(creq, header(headers, name)?),
                }
                creq.push('\n');
                previous = name;
            }
            creq.push('\n');
            for (i, name) in header_names(signed).enumerate() {
                if i > 0 {
                    creq.push(';');
                }
                creq.push_str(name);
            }
            creq.push('\n');
        }
        creq.push_str(payload);

        let scope = Scope {
            date,
            region,
            service,
        };
        let order = method_order(
            |name| match name {
                "uploads" => has[0],
                "partNumber" => has[1],
                "uploadId" => has[2],
                _ => false,
            },
            (!only_host)
                .then(|| header_names(signed))
                .into_iter()
                .flatten(),
        );
        let method = order.into_iter().find(|m| {
            let hash = Sha256::new()
                .chain_update(m.as_str())
                .chain_update("\n")
                .chain_update(creq.as_bytes())
                .finalize();
            let sig = self.sign_v4(amz_date, &scope, &hex::encode32(&hash.into()));
            hex::as_str(&sig) == signature
        })?;
        Some(Report {
            method: Some(method),
            attempts: Vec::new(),
            missing_headers: Vec::new(),
            access_key_differs: false,
            timing: timing(Some(signed_at), expires_at, now),
            expires_at,
        })
    }
}

/// Appends the `Host` header's value: `host` in lowercase.
fn push_host(creq: &mut String, host: &str) {
    let start = creq.len();
    creq.push_str(host);
    creq[start..].make_ascii_lowercase();
}

/// Whether `c` may be in a host name or address with its port (no user info).
fn is_host_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b':' | b'[' | b']')
}

/// Per byte, whether S3's encoding writes it as it is: in a query component (unreserved
/// bytes) and in a path (`/` too). A table, so that a run is checked without a branch a byte.
const PLAIN: [u8; 256] = {
    let mut table = [0; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            table[c] = IN_QUERY | IN_PATH;
        } else if b == b'/' {
            table[c] = IN_PATH;
        }
        c += 1;
    }
    table
};
const IN_QUERY: u8 = 1;
const IN_PATH: u8 = 2;

/// From `b[i]`, the end of a run of unreserved bytes (and `/` in a `path`), or of one
/// escape in S3's encoding (`%XX`, uppercase hex, for a byte that needs it); `None` at
/// any other byte. `high` is set by an escape of a non-ASCII byte.
fn canonical_run(b: &[u8], mut i: usize, path: bool, high: &mut bool) -> Option<usize> {
    let bit = if path { IN_PATH } else { IN_QUERY };
    let plain = |c: u8| PLAIN[usize::from(c)] & bit != 0;
    let start = i;
    // Eight bytes a step without a branch per byte, then byte by byte.
    while let Some(chunk) = b.get(i..i + 8)
        && chunk
            .iter()
            .fold(bit, |all, &c| all & PLAIN[usize::from(c)])
            != 0
    {
        i += 8;
    }
    while let Some(&c) = b.get(i)
        && plain(c)
    {
        i += 1;
    }
    if i > start {
        return Some(i);
    }
    if b.get(i) != Some(&b'%') {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    let value = digit(*b.get(i + 1)?)? << 4 | digit(*b.get(i + 2)?)?;
    if plain(value) {
        return None;
    }
    *high |= value >= 0x80;
    Some(i + 3)
}

/// The names in `X-Amz-SignedHeaders` as the URL writes it (`content-type%3Bhost`); a
/// part after another escape comes out as `%`, which no header name is.
fn header_names(list: &str) -> impl Iterator<Item = &str> + Clone {
    let mut parts = list.split('%');
    let first = parts.next();
    first
        .into_iter()
        .chain(parts.map(|p| p.strip_prefix("3B").unwrap_or("%")))
}

#[cfg(test)]
mod tests {
    use crate::{
        Config, Credentials, Param, Presigner, Request, SignedHeaders, Target, Timing, Verifier,
        parse_presigned, parse_time,
    };
    use http::Method;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn url<'h>(
        endpoint: &str,
        key: &'h str,
        token: bool,
        build: impl Fn(Request<'h>) -> Request<'h>,
    ) -> String {
        let creds = Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            SECRET.into(),
            token.then(|| "tok/en+=".into()),
        )
        .unwrap();
        let config = Config::new(endpoint.parse().unwrap(), "eu-west-1", creds);
        let at = parse_time("2026-01-01T00:00:00Z").unwrap();
        let presigner = Presigner::new(&config, at).unwrap();
        presigner
            .presign(&build(Request::get(Target::new("b-1", key).unwrap())))
            .unwrap()
    }

    fn quick(url: &str, headers: &[(String, String)]) -> Option<(Method, Timing)> {
        let verifier = Verifier::new("AKIAIOSFODNN7EXAMPLE", SECRET.into());
        let now = parse_time("2026-01-01T00:30:00Z").unwrap();
        let report = verifier.verify_common(url, headers, now)?;
        Some((report.method?, report.timing))
    }

    /// The general way's verdict, for the URLs the quick way leaves to it.
    fn general_is_valid(url: &str, headers: &[(String, String)]) -> bool {
        let verifier = Verifier::new("AKIAIOSFODNN7EXAMPLE", SECRET.into());
        let now = parse_time("2026-01-01T00:30:00Z").unwrap();
        let parsed = parse_presigned(url, None).unwrap();
        verifier.verify(&parsed, headers, now, false).is_valid()
    }

    #[test]
    fn takes_the_forms_signers_write() {
        let half_hour = Some((Method::GET, Timing::Valid { seconds_left: 1800 }));
        // Parameters before the auth ones (not in sorted order), a token, a Unicode key,
        // an upper-case host and a default port.
        let versioned = url(
            "https://S3.Example.com:443",
            "dir/Bericht – März.pdf",
            true,
            |r| r.param(Param::VersionId, "v 1").unwrap(),
        );
        assert_eq!(quick(&versioned, &[]), half_hour, "{versioned}");
        let plain = url("http://127.0.0.1:9000", "a b", false, |r| r);
        assert_eq!(quick(&plain, &[]), half_hour, "{plain}");
        // A signed header, with its value given.
        let mut headers = SignedHeaders::new();
        headers.insert_str("content-type", "image/png").unwrap();
        let typed = url("https://s3.example.com", "k", false, |r| {
            r.headers(&headers)
        });
        let given = [("content-type".to_owned(), " image/png ".to_owned())];
        assert_eq!(quick(&typed, &given), half_hour, "{typed}");
        // Not given: left to the general way, which names it as missing.
        assert_eq!(quick(&typed, &[]), None);
    }

    #[test]
    fn leaves_every_other_form_to_the_general_way() {
        let good = url("https://s3.example.com", "k", false, |r| r);
        let changed = |from: &str, to: &str| {
            assert!(good.contains(from), "{from}");
            good.replacen(from, to, 1)
        };
        for (other, still_valid) in [
            // Escapes S3 writes otherwise, which servers decode before signing.
            (changed("%2Fs3%2F", "%2fs3%2F"), true),
            (
                changed("X-Amz-Expires", "X-Amz-Expires=3600&X-Amz-Expires"),
                false,
            ),
            (changed("?", "?uploads&"), false),
            (changed("?", "?a=%ZZ&"), false),
            (changed("?", "?a=b+c&"), false),
            (changed("https://", "https://user@"), false),
            (format!("{good}#fragment"), true),
            (changed("X-Amz-Signature=", "X-Amz-Signature=0"), false),
            (changed("AKIAIOSFODNN7EXAMPLE", "AKIAOTHERKEY"), false),
            (changed("/k?", "/%FF?"), false),
        ] {
            assert_eq!(quick(&other, &[]), None, "{other}");
            if parse_presigned(&other, None).is_ok() {
                assert_eq!(general_is_valid(&other, &[]), still_valid, "{other}");
            }
        }
    }
}
