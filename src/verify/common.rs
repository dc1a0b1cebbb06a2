//! The common case of `verify -`, checked straight from the URL's text: a SigV4 URL
//! written the way signers write it (presign, botocore, the SDKs). Its path and query are
//! already in S3's encoding, so the canonical request is made of slices of the URL, and
//! nothing is decoded, allocated or copied twice.
//!
//! Everything else (SigV2, escapes S3 would write differently, a parameter without `=`,
//! a repeated auth parameter, another access key, a signature that matches no method)
//! gives `None`, and the caller takes the general way: [`crate::inspect::parse`] and
//! [`Verifier::verify`], which also word every error and every failed verdict. Where this
//! gives a report, `verify` gives the same one (`tests/agree/verify.rs` holds them together).

use super::{
    Report, Scope, Scratch, Verifier, aws_host_region, decode_hex32, header, method_order,
    push_folded, timing,
};
use crate::encode::{canonical_run, is_unreserved, percent_decode};
use crate::hex;
use crate::inspect::port_is_a_number;
use crate::inspect::{parse_amz_date, split_credential};
use chrono::{DateTime, Utc};
use http::Method;
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
    /// Under any spelling of its name.
    token: Option<&'u str>,
}

/// What the quick way read from a URL, besides the canonical request it wrote.
struct Common<'u> {
    amz_date: &'u str,
    scope: Scope<'u>,
    /// The signature's bytes.
    signature: [u8; 32],
    signed_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    /// The methods to try, likeliest first.
    order: [Method; 5],
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
        let mut scratch = self.scratch.borrow_mut();
        let read = self.read_common(url, headers, &mut scratch)?;
        let method = read.order.into_iter().find(|m| {
            let hash = Sha256::new()
                .chain_update(m.as_str())
                .chain_update("\n")
                .chain_update(scratch.creq.as_bytes())
                .finalize();
            let hash = hex::encode32(&hash.into());
            self.verifies_v4(read.amz_date, &read.scope, &hash, Some(&read.signature))
        })?;
        Some(Report {
            method: Some(method),
            attempts: Vec::new(),
            missing_headers: Vec::new(),
            disputed_headers: Vec::new(),
            method_from_query_copies: None,
            access_key_differs: false,
            refusal: None,
            timing: timing(Some(read.signed_at), read.expires_at, now),
            expires_at: read.expires_at,
        })
    }

    /// Reads `url` if it is in the common form, writing its canonical request but the
    /// method line into `scratch.creq`.
    fn read_common<'u>(
        &self,
        url: &'u str,
        headers: &[(String, String)],
        scratch: &mut Scratch,
    ) -> Option<Common<'u>> {
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
        if !port_is_a_number(authority) {
            return None;
        }
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

        let Scratch {
            creq,
            spans,
            credential: last_credential,
            credential_parts,
            amz_date: last_amz_date,
            signed_at: last_signed_at,
            ..
        } = scratch;
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
                let at = i;
                i = canonical_run(b, i, false, &mut high)?;
                // The general way refuses a decoded control character.
                if b[at] == b'%' && is_control_escape(&b[at..]) {
                    return None;
                }
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
                _ if crate::inspect::is_token_name(name) => Some(&mut auth.token),
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
        // What servers refuse whatever the signature is the general way's to word.
        let expires = auth
            .expires?
            .parse::<u64>()
            .ok()
            .filter(|&e| e <= crate::expiry::SIGV4_MAX_EXPIRES)?;
        let expires_at = signed_at.checked_add_signed(chrono::TimeDelta::try_seconds(
            i64::try_from(expires).ok()?,
        )?)?;
        let signature = decode_hex32(auth.signature?)?;
        let payload = auth.content_sha256.unwrap_or("UNSIGNED-PAYLOAD");
        if access_key != self.access_key
            || amz_date[..8] != *date
            || auth.content_sha256.is_some_and(|p| p.contains('%'))
            || service != "s3"
            || aws_host_region(authority).is_some_and(|r| r != region)
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
            // `a%3Bb`: names that need no escape, in order, each with its value given,
            // `host` among them.
            let mut previous = "";
            let mut host_signed = false;
            for name in header_names(signed) {
                let name = name.filter(|&n| n > previous)?;
                creq.push_str(name);
                creq.push(':');
                match name {
                    "host" => {
                        host_signed = true;
                        push_host(creq, host);
                    }
                    _ => push_folded(creq, header(headers, name)?),
                }
                creq.push('\n');
                previous = name;
            }
            if !host_signed {
                return None;
            }
            creq.push('\n');
            for (i, name) in header_names(signed).flatten().enumerate() {
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
                .then(|| header_names(signed).flatten())
                .into_iter()
                .flatten(),
        );
        Some(Common {
            amz_date,
            scope,
            signature,
            signed_at,
            expires_at,
            order,
        })
    }
}

/// Appends the `Host` header's value: `host` in lowercase.
fn push_host(creq: &mut String, host: &str) {
    let start = creq.len();
    creq.push_str(host);
    creq[start..].make_ascii_lowercase();
}

/// Whether `escape` (`%XX...`, in S3's encoding) starts with the escape of a control
/// character: C0 (`%00` to `%1F`) but tab, DEL (`%7F`), C1 (`%C2%80` to `%C2%9F`).
/// Asked once per escape, not per byte: this runs for every line of `verify -`.
fn is_control_escape(escape: &[u8]) -> bool {
    match escape {
        [b'%', b'0', b'9', ..] => false,
        [b'%', b'0' | b'1', ..] | [b'%', b'7', b'F', ..] => true,
        [b'%', b'C', b'2', b'%', b'8' | b'9', ..] => true,
        _ => false,
    }
}

/// Whether `c` may be in a host name or address with its port (no user info).
fn is_host_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b':' | b'[' | b']')
}

/// The names in `X-Amz-SignedHeaders` as the URL writes it (`content-type%3Bhost`), split
/// at each `%3B`; `None` for a part after any other escape.
fn header_names(list: &str) -> impl Iterator<Item = Option<&str>> + Clone {
    let mut parts = list.split('%');
    let first = parts.next().map(Some);
    first.into_iter().chain(parts.map(|p| p.strip_prefix("3B")))
}

#[cfg(test)]
mod tests {
    use crate::inspect::parse as parse_presigned;
    use crate::verify::{Timing, Verifier};
    use crate::{
        Config, Credentials, Param, Presigner, Request, SignedHeaders, Target, parse_time,
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
            // What servers refuse whatever the signature, and a second token.
            (changed("X-Amz-Expires=3600", "X-Amz-Expires=604801"), false),
            (changed("%2Fs3%2F", "%2Fsts%2F"), false),
            (
                changed("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders="),
                false,
            ),
            (
                changed(
                    "https://s3.example.com",
                    "https://s3.us-east-1.amazonaws.com",
                ),
                false,
            ),
            (
                changed("?", "?x-amz-security-token=a&X-Amz-Security-Token=b&"),
                false,
            ),
            (changed("?", "?a=%1B%5D0%3Bx%07&"), false),
        ] {
            assert_eq!(quick(&other, &[]), None, "{other}");
            if parse_presigned(&other, None).is_ok() {
                assert_eq!(general_is_valid(&other, &[]), still_valid, "{other}");
            }
        }
    }
}

/// The quick way against the general one on URLs of every shape, each signed over the
/// canonical request the quick way reads from it (so a quick way that canonicalised
/// differently would match where the general way does not, and be caught), and over
/// the general way's. The signing chain is written out here, not the library's.
#[cfg(test)]
mod differential {
    use super::super::Scratch;
    use crate::inspect::parse as parse_presigned;
    use crate::parse_time;
    use crate::verify::Verifier;
    use hmac::{Hmac, KeyInit, Mac};
    use http::Method;
    use sha2::{Digest, Sha256};

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const PLACEHOLDER: &str = "0000000000000000000000000000000000000000000000000000000000000000";

    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            // xorshift64
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }
        /// The first, three times in four; else any.
        fn mostly<'a>(&mut self, from: &[&'a str]) -> &'a str {
            if self.below(4) == 0 {
                self.pick(from)
            } else {
                from[0]
            }
        }
    }

    fn hmac(key: &[u8], data: &str) -> Vec<u8> {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
        mac.update(data.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// The SigV4 signature of canonical request `creq`, from the spec's steps.
    fn sign(creq: &str, amz_date: &str, scope: [&str; 3]) -> String {
        let [date, region, service] = scope;
        let hash: String = Sha256::digest(creq.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let sts =
            format!("AWS4-HMAC-SHA256\n{amz_date}\n{date}/{region}/{service}/aws4_request\n{hash}");
        let mut key = hmac(format!("AWS4{SECRET}").as_bytes(), date);
        for part in [region, service, "aws4_request"] {
            key = hmac(&key, part);
        }
        hmac(&key, &sts)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// A URL of a random shape, its signature the placeholder.
    fn random_url(rng: &mut Rng) -> String {
        let scheme = rng.pick(&["https://", "http://"]);
        let host = rng.mostly(&[
            "s3.example.com",
            "S3.Example.COM",
            "s3.example.com:443",
            "s3.example.com:80",
            "127.0.0.1:9000",
            "[::1]:443",
            "b.s3.us-east-1.amazonaws.com",
            "b.s3.eu-west-1.amazonaws.com",
            "B.S3.EU-WEST-1.AMAZONAWS.COM",
            "my.b.s3-us-east-1.amazonaws.com",
            "h:x",
            "user@h",
        ]);
        let path = rng.mostly(&[
            "/b/k",
            "/b/a%20b",
            "/b/%7E",
            "/b/a%2Fb",
            "/b/%2f",
            "/b/%C3%A9",
            "/b/%C3",
            "/b/%FF",
            "/b/a+b",
            "/b/./..",
            "/",
            "",
            "/b/%00",
            "/b//x",
            "/b/é",
        ]);
        let mut pairs: Vec<String> = Vec::new();
        let mut add = |rng: &mut Rng, name: &str, values: &[&str], optional: bool| {
            if !optional || rng.below(2) == 0 {
                pairs.push(format!("{name}={}", rng.mostly(values)));
            }
        };
        let required = rng.below(20) != 0;
        add(
            rng,
            "X-Amz-Algorithm",
            &["AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"],
            !required,
        );
        add(
            rng,
            "X-Amz-Credential",
            &[
                "AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request",
                "AKIAIOSFODNN7EXAMPLE%2F20260101%2Feu-west-1%2Fs3%2Faws4_request",
                "AKIAIOSFODNN7EXAMPLE%2f20260101%2Fus-east-1%2Fs3%2Faws4_request",
                "AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/s3/aws4_request",
                "AKIAIOSFODNN7EXAMPLE%2F20260101%2F%2Fs3%2Faws4_request",
                "AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus%7Eeast%2Fs3%2Faws4_request",
                "AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus%20east%2Fs3%2Faws4_request",
                "AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request%2F",
                "AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fsts%2Faws4_request",
                "AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_requesT",
                "AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus%0Aeast%2Fs3%2Faws4_request",
                "AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1+%2Fs3%2Faws4_request",
                "OTHER%2F20260101%2Fus-east-1%2Fs3%2Faws4_request",
            ],
            !required,
        );
        add(
            rng,
            "X-Amz-Date",
            &[
                "20260101T000000Z",
                "20260102T000000Z",
                "20260101T000000",
                "20261301T000000Z",
            ],
            !required,
        );
        add(
            rng,
            "X-Amz-Expires",
            &[
                "3600",
                "0",
                "%2B3600",
                "+3600",
                "03600",
                "",
                "18446744073709551615",
                "9223372036854775807",
                "604800",
                "604801",
                "-1",
            ],
            !required,
        );
        add(
            rng,
            "X-Amz-SignedHeaders",
            &[
                "host",
                "content-type%3Bhost",
                "host%3Bcontent-type",
                "host%3Bhost",
                "content-type%3bhost",
                "",
                "Host",
                "x-amz-meta-a%3Bhost",
                "content-type%3Bhost%3Bx-amz-meta-a",
                "%3Bhost",
                "content-type",
                "host%3B",
                "range%3Bhost",
            ],
            !required,
        );
        add(
            rng,
            "X-Amz-Security-Token",
            &["tok", "t%2Bk", "t+k", "t%2bk", "t%0Ak", "t%C2%9Bk"],
            true,
        );
        let rare = rng.below(8) != 0;
        add(rng, "x-amz-security-token", &["tok", "t%2Bk"], rare);
        add(
            rng,
            "X-Amz-Content-Sha256",
            &["UNSIGNED-PAYLOAD", "abc", "%41", ""],
            true,
        );
        for _ in 0..rng.below(3) {
            let extra = rng.pick(&[
                "uploads",
                "uploads=",
                "partNumber=1",
                "uploadId=x%20y",
                "versionId=1",
                "a=b=c",
                "",
                "response-content-type=text%2Fplain",
                "X-Amz-Date=20260101T000000Z",
                "%41=1",
                "a%2Fb=1",
                "z=%e2%82%ac",
                "z=%E2%82%AC",
                "z=%09",
                "z=%1B%5B31m",
                "z=%7F",
                "z=%C2%85",
                "X-Amz-Signature=0",
                "X-Amz-Security-Token=again",
                "a+b=c+d",
            ]);
            pairs.push(extra.to_owned());
        }
        // Shuffled, the signature anywhere.
        for i in (1..pairs.len()).rev() {
            pairs.swap(i, rng.below(i + 1));
        }
        let at = rng.below(pairs.len() + 1);
        pairs.insert(at, format!("X-Amz-Signature={PLACEHOLDER}"));
        let fragment = if rng.below(10) == 0 { "#f" } else { "" };
        let trailing = if rng.below(10) == 0 { "&" } else { "" };
        format!(
            "{scheme}{host}{path}?{}{trailing}{fragment}",
            pairs.join("&")
        )
    }

    /// Verifies `url` both ways and requires the same answer wherever the quick way gives
    /// one; returns whether it did.
    fn agree(verifier: &Verifier, url: &str, headers: &[(String, String)], now: &str) -> bool {
        let now = parse_time(now).unwrap();
        let quick = verifier.verify_common(url, headers, now);
        let Some(quick) = quick else {
            return false;
        };
        let parsed = parse_presigned(url, None)
            .unwrap_or_else(|e| panic!("the quick way answered, but {url} does not read: {e}"));
        let general = verifier.verify(&parsed, headers, now, false);
        assert_eq!(
            (
                &quick.method,
                quick.timing,
                quick.expires_at,
                quick.access_key_differs,
                &quick.refusal,
            ),
            (
                &general.method,
                general.timing,
                general.expires_at,
                general.access_key_differs,
                &general.refusal,
            ),
            "{url} {headers:?}"
        );
        assert!(general.missing_headers.is_empty(), "{url}");
        true
    }

    #[test]
    fn the_quick_way_agrees_with_the_general_one_on_urls_of_every_shape() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        // One verifier for all (its caches carried from URL to URL) and a fresh one each.
        let shared = Verifier::new("AKIAIOSFODNN7EXAMPLE", SECRET.into());
        let (mut over_quick, mut over_general) = (0, 0);
        for _ in 0..20_000 {
            let template = random_url(&mut rng);
            let mut headers = Vec::new();
            for (name, value) in [
                ("content-type", " text/plain \t x "),
                ("x-amz-meta-a", "v"),
                ("host", "bogus"),
            ] {
                if rng.below(2) == 0 {
                    headers.push((name.to_owned(), value.to_owned()));
                }
            }
            let now = rng.pick(&[
                "2026-01-01T00:30:00Z",
                "2026-01-01T01:00:01Z",
                "2025-12-31T23:59:59Z",
                "2025-12-31T23:45:00Z",
                "2025-12-31T23:44:59Z",
            ]);
            let fresh = Verifier::new("AKIAIOSFODNN7EXAMPLE", SECRET.into());
            // Signed over the quick way's canonical request, for one of its methods.
            let mut scratch = Scratch::default();
            if let Some(read) = fresh.read_common(&template, &headers, &mut scratch) {
                let method = read.order[rng.below(5)].clone();
                let creq = format!("{method}\n{}", scratch.creq);
                let scope = [read.scope.date, read.scope.region, read.scope.service];
                let url = template.replace(PLACEHOLDER, &sign(&creq, read.amz_date, scope));
                assert!(agree(&shared, &url, &headers, now), "{url}: no answer");
                assert!(agree(&fresh, &url, &headers, now));
                over_quick += 1;
            }
            // Signed over the general way's canonical request.
            if let Ok(parsed) = parse_presigned(&template, None)
                && parsed.signature_version == crate::SignatureVersion::V4
                && let (Some(amz_date), Some(region), Some(service)) = (
                    parsed.amz_date.as_deref(),
                    parsed.region.as_deref(),
                    parsed.service.as_deref(),
                )
            {
                let method = [Method::GET, Method::PUT, Method::HEAD][rng.below(3)].clone();
                let creq = fresh
                    .check(&parsed, &method, &headers)
                    .canonical_request
                    .unwrap();
                let date = amz_date.get(..8).unwrap_or_default();
                let signature = sign(&creq, amz_date, [date, region, service]);
                let url = template.replace(PLACEHOLDER, &signature);
                over_general += usize::from(agree(&shared, &url, &headers, now));
                agree(&fresh, &url, &headers, now);
            }
        }
        // Enough of each kind for the comparison to mean something.
        assert!(
            over_quick > 1_000,
            "{over_quick} signed over the quick way's request"
        );
        assert!(
            over_general > 1_000,
            "{over_general} quick answers over the general way's"
        );
    }
}
