//! The findings of the outside review of issues 16 and 17 on reading URLs back and on what
//! the CLI prints, run as the real binary in an empty `HOME`: every host form presign
//! prints reads back (bucket, key, endpoint; verify says valid), inspect names the
//! operation that was signed, several downloads never go to one file, secret-shaped values
//! are never echoed, far dates print as they are, and a lone `-` means stdin everywhere.
//! Each test is named after the finding it pins.

use assert_cmd::cargo::cargo_bin;
use std::io::Write;
use std::process::{Command, Output, Stdio};

const ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const AT: &str = "2026-01-01T00:00:00Z";
const LATER: &str = "2026-01-01T00:01:00Z";

/// Runs presign with `args` (and `stdin`), in an empty `HOME` and directory, with only the
/// example credentials set.
fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new(cargo_bin("presign"))
        .env_clear()
        .env("HOME", home.path())
        .env("PRESIGN_ACCESS_KEY", ACCESS_KEY)
        .env("PRESIGN_SECRET_KEY", SECRET)
        .current_dir(home.path())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // A run that fails before reading stdin closes it: not the test's concern.
    let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The JSON field `name` of inspect's one-line output, as text.
fn field(json: &serde_json::Value, name: &str) -> String {
    match &json[name] {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Regression (review of issue 17, finding 2): inspect and verify knew only the
/// `.amazonaws.com` and `.com.cn` hosts, so a virtual-host URL presign printed for a preset
/// or another AWS partition read back with the key as the bucket, and verify called it
/// signed by another key. Every host form presign prints: each AWS partition (with
/// dualstack, FIPS and accelerate where it has them), each preset, SigV4 and SigV2,
/// virtual host and path style.
#[test]
fn every_host_presign_prints_reads_back_with_its_bucket_key_and_endpoint() {
    let r2 = "r2:0123456789abcdef0123456789abcdef";
    let mut places: Vec<Vec<String>> = Vec::new();
    for region in [
        "us-east-1",
        "eu-west-1",
        "cn-north-1",
        "us-gov-west-1",
        "eusc-de-east-1",
        "us-iso-east-1",
        "us-isob-east-1",
        "eu-isoe-west-1",
        "us-isof-south-1",
    ] {
        for option in [
            None,
            Some("--dualstack"),
            Some("--fips"),
            Some("--accelerate"),
        ] {
            let mut place = vec!["--endpoint".into(), "aws".into(), "--region".into()];
            place.push(region.into());
            place.extend(option.map(String::from));
            places.push(place);
        }
    }
    for preset in [
        r2.to_owned(),
        format!("{r2}:eu"),
        format!("{r2}:fedramp"),
        format!("{r2}:us"),
        "b2:us-west-004".into(),
        "gcs".into(),
        "wasabi:eu-central-1".into(),
        "spaces:nyc3".into(),
        "global".into(),
        "us1".into(),
        "eu1".into(),
        "ap1".into(),
    ] {
        places.push(vec!["--endpoint".into(), preset]);
    }
    let mut checked = 0;
    for place in &places {
        for signature in ["v4", "v2"] {
            for addressing in ["--virtual-host", "--path-style"] {
                for (bucket, key) in [("b-1", "dir/k.txt"), ("my.bucket", "k")] {
                    let target = format!("{bucket}/{key}");
                    let mut args: Vec<&str> = vec!["get", &target, "--at", AT];
                    args.extend(place.iter().map(String::as_str));
                    args.extend(["--signature", signature, addressing]);
                    let out = run(&args, None);
                    if !out.status.success() {
                        // A combination presign refuses (accelerate with a dotted bucket,
                        // FIPS where AWS has none, SigV2 on R2): nothing to read back.
                        let stderr = text(&out.stderr);
                        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
                        assert!(
                            ["--fips", "--dualstack", "--accelerate", "SigV4 only", "'.'"]
                                .iter()
                                .any(|why| stderr.contains(why)),
                            "{args:?}: {stderr}"
                        );
                        continue;
                    }
                    let url = text(&out.stdout).trim_end().to_owned();
                    let inspect = run(&["inspect", "-o", "json", &url], None);
                    assert!(inspect.status.success(), "{url}: {}", text(&inspect.stderr));
                    let json: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
                    assert_eq!(field(&json, "bucket"), bucket, "{args:?} {url}");
                    assert_eq!(field(&json, "key"), key, "{args:?} {url}");
                    let endpoint = field(&json, "endpoint");
                    let virtual_host = url.starts_with(&format!("https://{bucket}."));
                    let expected = if virtual_host {
                        url.replacen(&format!("{bucket}."), "", 1)
                    } else {
                        url.clone()
                    };
                    assert!(
                        expected.starts_with(&format!("{endpoint}/")),
                        "{args:?}: endpoint {endpoint} for {url}"
                    );
                    let verify = run(&["verify", &url, "--at", LATER], None);
                    assert!(
                        text(&verify.stdout).starts_with("valid: GET"),
                        "{args:?} {url}: {}{}",
                        text(&verify.stdout),
                        text(&verify.stderr)
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 180, "only {checked} URLs were signed");
}

/// Regression (review of issue 17, finding 2): verify refused a credential scope whose
/// region contradicts an `amazonaws.com` host, but called a `c2s.ic.gov` URL signed for
/// us-east-1 valid. Every partition's hosts name their region.
#[test]
fn a_region_that_contradicts_the_host_is_refused_in_every_partition() {
    for host in [
        "s3.eu-west-1.amazonaws.com",
        "s3.cn-north-1.amazonaws.com.cn",
        "s3.eusc-de-east-1.amazonaws.eu",
        "s3.us-iso-east-1.c2s.ic.gov",
        "s3.us-isob-east-1.sc2s.sgov.gov",
        "s3.eu-isoe-west-1.cloud.adc-e.uk",
        "s3.us-isof-south-1.csp.hci.ic.gov",
    ] {
        let endpoint = format!("https://{host}");
        let out = run(
            &[
                "get",
                "b-1/k",
                "--at",
                AT,
                "--endpoint",
                &endpoint,
                "--region",
                "us-east-1",
            ],
            None,
        );
        assert!(out.status.success(), "{host}: {}", text(&out.stderr));
        let url = text(&out.stdout).trim_end().to_owned();
        let verify = run(&["verify", &url, "--at", LATER], None);
        let said = text(&verify.stdout);
        assert_eq!(verify.status.code(), Some(3), "{host}: {said}");
        assert!(
            said.contains("the credential scope's region is \"us-east-1\", but the host is S3's"),
            "{host}: {said}"
        );
    }
}

const SSE_C_KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// The `operation:` line inspect prints for `url`.
fn inspected_operation(url: &str) -> String {
    let out = run(&["inspect", url], None);
    assert!(out.status.success(), "{url}: {}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("operation:"))
        .unwrap_or_else(|| panic!("no operation line for {url}"))
        .trim()
        .to_owned()
}

/// Regression (review of issue 17, finding 3): inspect called a `delete` signed with
/// `--expected-bucket-owner --in-url` and a `get --request-payer --in-url` PutObject "by
/// the headers in its query", and a `put --if-none-match '*'` a GetObject or HeadObject.
/// For each operation and each of its flags (SigV4 with headers, with `--in-url`, and
/// SigV2), the operation inspect names is the one signed, or it says honestly that it
/// cannot tell.
#[test]
fn inspect_names_the_operation_that_was_signed_for_every_flag() {
    let common: &[&[&str]] = &[
        &[],
        &["--request-payer"],
        &["--expected-bucket-owner", "111122223333"],
    ];
    let sse_c: &[&str] = &["--sse-c-key", SSE_C_KEY];
    let download: &[&[&str]] = &[
        &["--version-id", "3"],
        &["--download-as", "a.txt"],
        &["--response-content-type", "text/plain"],
        &["--response-content-disposition", "inline"],
        &["--response-cache-control", "no-cache"],
        &["--response-content-encoding", "gzip"],
        &["--response-content-language", "en"],
        &["--response-expires", "2027-01-01T00:00:00Z"],
        &["--range", "bytes=0-9"],
        sse_c,
    ];
    let written: &[&[&str]] = &[
        &["--content-type", "text/plain"],
        &["--meta", "a=b"],
        &["--acl", "private"],
        &["--cache-control", "no-cache"],
        &["--content-disposition", "inline"],
        &["--content-encoding", "gzip"],
        &["--content-language", "en"],
        &["--storage-class", "STANDARD_IA"],
        &["--tagging", "a=b"],
        &["--sse", "AES256"],
        &["--sse", "aws:kms", "--sse-kms-key-id", "k1"],
        &["--sse", "aws:kms", "--sse-kms-context", "{\"a\":\"b\"}"],
        &["--sse", "aws:kms", "--sse-bucket-key"],
        sse_c,
        &[
            "--object-lock-mode",
            "GOVERNANCE",
            "--object-lock-retain-until",
            "2027-01-01T00:00:00Z",
        ],
        &["--legal-hold", "on"],
    ];
    let body: &[&[&str]] = &[
        &["--content-length", "10"],
        &["--content-md5", "1B2M2Y8AsgTpgAmY7PhCfg=="],
        &[
            "--checksum-sha256",
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        ],
        &["--checksum-sha1", "2jmj7l5rSw0yVb/vlWAYkK/YBwk="],
        &["--checksum-crc32", "AAAAAA=="],
        &["--checksum-crc32c", "AAAAAA=="],
    ];
    let conditions: &[&[&str]] = &[&["--if-none-match", "*"], &["--if-match", "\"e1\""]];
    let source_conditions: &[&[&str]] = &[
        &["--copy-source-sse-c-key", SSE_C_KEY],
        &["--source-version-id", "7"],
        &["--copy-source-if-match", "\"e1\""],
        &["--copy-source-if-none-match", "\"e1\""],
        &["--copy-source-if-modified-since", "2026-01-01T00:00:00Z"],
        &["--copy-source-if-unmodified-since", "2026-01-01T00:00:00Z"],
        &["--expected-source-bucket-owner", "111122223333"],
    ];
    let upload_id = ["--upload-id", "U"];
    // The command, the flag sets to try with it, the operation it is.
    type Case<'a> = (Vec<&'a str>, Vec<Vec<&'a str>>, &'a str);
    let cases: Vec<Case> = vec![
        (vec!["get", "b-1/k"], join(&[common, download]), "GetObject"),
        (
            vec!["head", "b-1/k"],
            join(&[common, download]),
            "HeadObject",
        ),
        (
            vec!["put", "b-1/k"],
            join(&[common, written, body, conditions]),
            "PutObject",
        ),
        (
            vec!["delete", "b-1/k"],
            join(&[common, &[&["--version-id", "3"]]]),
            "DeleteObject",
        ),
        (
            vec!["list", "b-1/dir/"],
            join(&[
                common,
                &[
                    &["--delimiter", "/"],
                    &["--max-keys", "5"],
                    &["--start-after", "a"],
                    &["--continuation-token", "t"],
                    &["--fetch-owner"],
                ],
            ]),
            "ListObjectsV2",
        ),
        (
            // REPLACE: the copy takes the new metadata and tags.
            vec![
                "copy",
                "b-1/src",
                "b-1/dst",
                "--metadata-directive",
                "REPLACE",
                "--tagging-directive",
                "REPLACE",
            ],
            join(&[common, written, conditions, source_conditions]),
            "CopyObject",
        ),
        (
            vec!["multipart", "create", "b-1/k"],
            join(&[common, written]),
            "CreateMultipartUpload",
        ),
        (
            [
                &["multipart", "part", "b-1/k", "--parts", "1"][..],
                &upload_id,
            ]
            .concat(),
            join(&[common, body, &[sse_c]]),
            "UploadPart",
        ),
        (
            [&["multipart", "complete", "b-1/k"][..], &upload_id].concat(),
            join(&[common, conditions, &[sse_c]]),
            "CompleteMultipartUpload",
        ),
        (
            [&["multipart", "abort", "b-1/k"][..], &upload_id].concat(),
            join(&[common]),
            "AbortMultipartUpload",
        ),
        (
            [
                &[
                    "multipart",
                    "part-copy",
                    "b-1/k",
                    "--part",
                    "1",
                    "--source",
                    "b-1/s",
                ][..],
                &upload_id,
            ]
            .concat(),
            join(&[
                common,
                source_conditions,
                &[&["--source-range", "bytes=0-9"]],
                &[sse_c],
            ]),
            "UploadPartCopy",
        ),
    ];
    let mut checked = 0;
    for (command, flag_sets, operation) in &cases {
        for flags in flag_sets {
            for how in [
                &["--signature", "v4"][..],
                &["--in-url"],
                &["--signature", "v2"],
            ] {
                let mut args = command.clone();
                args.extend(flags);
                args.extend(how);
                args.extend(["--at", AT, "--endpoint", "https://s3.example.com"]);
                let out = run(&args, None);
                if !out.status.success() {
                    // SigV2 cannot sign some of these (Content-Length, checksums), and
                    // `--in-url` may have nothing to move: both say so with exit 2.
                    assert!(
                        how != ["--signature", "v4"],
                        "{args:?}: {}",
                        text(&out.stderr)
                    );
                    assert_eq!(out.status.code(), Some(2), "{args:?}");
                    continue;
                }
                let said = inspected_operation(text(&out.stdout).trim_end());
                assert!(
                    said.contains(operation) || said.starts_with("not written in the URL"),
                    "{args:?}: inspect says {said:?}, but it is a {operation}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 250, "only {checked} URLs were checked");
}

/// The flag sets of `lists`, one after the other.
fn join<'a>(lists: &[&[&[&'a str]]]) -> Vec<Vec<&'a str>> {
    let mut all: Vec<Vec<&str>> = Vec::new();
    for list in lists {
        all.extend(list.iter().map(|flags| flags.to_vec()));
    }
    all
}

/// Regression (review of issue 17, finding 4): `get b-1/a b-1/b --file out.bin -o curl`
/// printed two `--output 'out.bin'` lines, the second overwriting the first; so did two
/// keys with one last segment, and `get -`. Refused with exit 2 (before any line, for
/// arguments; at the line that would, for stdin). Uploads of one file to several keys,
/// and downloads to distinct files, are fine.
#[test]
fn two_downloads_never_go_to_one_file() {
    let refused = |args: &[&str], stdin: Option<&str>, says: &str| {
        let out = run(args, stdin);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        text(&out.stdout)
    };
    let by_file = "would both download to --file \"out.bin\"";
    let printed = refused(
        &["get", "b-1/a", "b-1/b", "--file", "out.bin", "-o", "curl"],
        None,
        by_file,
    );
    assert_eq!(printed, "", "a line was printed before the refusal");
    let printed = refused(
        &["get", "-", "--file", "out.bin", "-o", "curl"],
        Some("b-1/a\nb-1/b\n"),
        &format!("stdin lines 1 and 2 {by_file}"),
    );
    assert_eq!(printed.lines().count(), 1, "{printed}");
    let printed = refused(
        &["get", "b-1/x/a", "b-1/y/a", "-o", "curl"],
        None,
        "targets 1 and 2 (\"b-1/x/a\" and \"b-1/y/a\") would both download to the key's last segment \"a\"",
    );
    assert_eq!(printed, "");
    refused(
        &["get", "-", "-o", "curl"],
        Some("b-1/x/a\nb-1/c\n\nb-1/y/a\n"),
        "stdin lines 1 and 4 would both download to the key's last segment \"a\"",
    );
    // Without case: on macOS and Windows `x` and `X` are one file.
    refused(
        &["get", "b-1/a/x", "b-1/b/X", "-o", "curl"],
        None,
        "would both download to the key's last segment",
    );
    refused(
        &["get", "b-1/x/", "b-1/y/", "-o", "curl"],
        None,
        "would both download to the name for keys with no last segment \"download\"",
    );
    for (args, stdin) in [
        (&["get", "b-1/x/a", "b-1/y/b", "-o", "curl"][..], None),
        (&["get", "-", "-o", "curl"][..], Some("b-1/x/a\nb-1/x/b\n")),
        (
            &["get", "-", "--file", "out.bin", "-o", "curl"][..],
            Some("b-1/a\n\n"),
        ),
        (
            &["put", "b-1/a", "b-1/b", "--file", "in.bin", "-o", "curl"][..],
            None,
        ),
        // Bare URLs and JSON name no file.
        (&["get", "b-1/x/a", "b-1/y/a"][..], None),
        (&["get", "b-1/x/a", "b-1/y/a", "-o", "json"][..], None),
    ] {
        let out = run(args, stdin);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        let lines = if args[1..3] == ["-", "--file"] { 1 } else { 2 };
        assert_eq!(text(&out.stdout).lines().count(), lines, "{args:?}");
    }
}

/// Regression (review of issue 17, finding 5): a secret-shaped value given in the wrong
/// place was echoed by the error: a line of `--parts-file`, a target in the wrong position
/// (`--sse-c-key KEY KEY`), `inspect`/`verify`/`list` of the secret, a stdin line; and
/// `inspect 'https:///u:PASSWORD@host/...'` printed the password (browsers read
/// `https:///`, `https:/` and `https:\\` alike, with user info). stderr never holds them.
#[test]
fn secret_shaped_values_are_never_echoed_wherever_they_are_given() {
    const SSE_KEY: &str = SSE_C_KEY;
    // Storj's secrets are 53 characters of base32; R2's 64 hex digits.
    let storj = "jx4lqbnsb6smd2bjnnghzbwvnhzg2ll3anyixh3ym2k3xkbcqpi2a";
    let dir = tempfile::tempdir().unwrap();
    let parts = dir.path().join("sk.txt");
    std::fs::write(&parts, format!("{SECRET}\n")).unwrap();
    let parts = parts.to_str().unwrap();
    let at_file = format!("@{parts}");
    let etag = format!("1={SECRET}\u{7}");
    let complete = ["multipart", "complete", "b-1/k", "--upload-id", "U"];
    let mut cases: Vec<(Vec<&str>, Option<String>)> = vec![
        (
            [&complete[..], &["--parts-file", parts, "--body"]].concat(),
            None,
        ),
        ([&complete[..], &["--etag", &etag]].concat(), None),
        (vec!["get", "b-1/k", "--sse-c-key", SSE_KEY, SSE_KEY], None),
        (vec!["put", "b-1/k", "--content-type", &at_file], None),
        (vec!["get", "-"], Some(format!("{SECRET}\n"))),
        (vec!["get", "-"], Some(format!("b-1/k\n{storj}\n"))),
        (vec!["list", "-"], Some(format!("{storj}\n"))),
        (vec!["inspect", "-"], Some(format!("{SECRET}\n"))),
        (vec!["verify", "-"], Some(format!("{SECRET}\n"))),
    ];
    for secret in [SECRET, storj, SSE_KEY] {
        for command in ["get", "list", "inspect", "verify", "delete"] {
            cases.push((vec![command, secret], None));
        }
        cases.push((vec!["copy", secret, "b-1/k", "-o", "curl"], None));
        cases.push((vec!["get", "b-1/k", "--endpoint", secret], None));
    }
    for (args, stdin) in &cases {
        let out = run(args, stdin.as_deref());
        let stderr = text(&out.stderr);
        for secret in [SECRET, storj, SSE_KEY] {
            assert!(!stderr.contains(secret), "{args:?} echoed it: {stderr}");
        }
    }
    for url in [
        "https:///u:hunter2pw@gateway.storjshare.io/b-1/k?X-Amz-Algorithm=AWS4-HMAC-SHA256",
        "https:/u:hunter2pw@gateway.storjshare.io/b-1/k?X-Amz-Algorithm=x",
        "https:\\\\u:hunter2pw@gateway.storjshare.io/b-1/k?X-Amz-Algorithm=x",
        "https:/\\u:hunter2pw@gateway.storjshare.io/b-1/k",
        "http:////u:hunter2pw@host/b-1/k",
        "https://u:hunter2pw@gateway.storjshare.io/b-1/k",
        "https://u:hunter2pw/x@gateway.storjshare.io/b-1/k",
        "u:hunter2pw@gateway.storjshare.io/b-1/k",
    ] {
        for command in ["inspect", "verify"] {
            let out = run(&[command, url], None);
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{command} {url}: {stderr}");
            assert!(!stderr.contains("hunter2pw"), "{command} {url}: {stderr}");
            assert!(stderr.contains("***@"), "{command} {url}: {stderr}");
        }
    }
}

/// Regression (review of issue 17, finding 6): a SigV4 URL signed `99991231T235959Z` for
/// a week, and a SigV2 URL with `Expires=253402300800`, read back as expiring in the year
/// 0. Such times are written whole, as ISO 8601's expanded years (and chrono) write them:
/// S3 takes these URLs until then, so inspect and verify describe them, not refuse them.
/// Signing stays within the years 1970 to 9999 (`--at`, `--response-expires` and
/// `--object-lock-retain-until` refuse later ones, which their headers cannot write).
#[test]
fn times_past_the_year_9999_are_written_whole() {
    let at = "9999-12-31T23:59:59Z";
    let out = run(&["get", "b-1/k", "--at", at, "-e", "7d"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v4 = text(&out.stdout).trim_end().to_owned();
    let inspect = text(&run(&["inspect", &v4], None).stdout);
    assert!(
        inspect.contains("expires at:     +10000-01-07T23:59:59Z"),
        "{inspect}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["inspect", "-o", "json", &v4], None).stdout).unwrap();
    assert_eq!(json["expires_at"], "+10000-01-07T23:59:59Z");
    let verify = text(&run(&["verify", &v4, "--at", at], None).stdout);
    assert_eq!(
        verify.trim_end(),
        "valid: GET, for 7d more (until +10000-01-07T23:59:59Z)"
    );
    let v2 = "https://gateway.storjshare.io/b-1/k?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=x&Expires=253402300800";
    let inspect = text(&run(&["inspect", v2, "--at", AT], None).stdout);
    assert!(
        inspect.contains("expires at:     +10000-01-01T00:00:00Z"),
        "{inspect}"
    );
    for (args, says) in [
        (
            &["get", "b-1/k", "--at", "10000-01-01T00:00:00Z"][..],
            "--at",
        ),
        (
            &["get", "b-1/k", "--response-expires", "253402300800"],
            "outside the years 1970 to 9999",
        ),
        (
            &[
                "put",
                "b-1/k",
                "--object-lock-mode",
                "GOVERNANCE",
                "--object-lock-retain-until",
                "10000-01-01T00:00:00Z",
            ],
            "--object-lock-retain-until",
        ),
    ] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains(says), "{}", text(&out.stderr));
    }
    let edge = run(
        &[
            "get",
            "b-1/k",
            "--at",
            at,
            "--response-expires",
            "253402300799",
        ],
        None,
    );
    assert!(edge.status.success(), "{}", text(&edge.stderr));
}

/// Regression (review of issue 17, finding 7): `list -` listed a bucket named `-` (exit 0,
/// with a legacy-name warning), where a lone `-` means stdin everywhere else. `list` signs
/// one listing, so it refuses `-`; so do the one-target places (copy's SOURCE,
/// `--source`), naming the reason. Where `-` is the target list (copy's DEST, part-copy's
/// DEST) it reads stdin.
#[test]
fn a_lone_dash_is_stdin_or_refused_never_a_bucket() {
    let lone = "a lone '-' (stdin) stands only for the target list";
    let dash = "list: '-' (stdin) is no bucket";
    for (command, says) in [
        ("list -", dash),
        ("list -- -", dash),
        ("list - --delimiter /", dash),
        ("copy - b-1/k", lone),
        (
            "multipart part-copy b-1/k --upload-id U --part 1 --source -",
            lone,
        ),
    ] {
        let args: Vec<&str> = command.split(' ').collect();
        let out = run(&args, Some("b-1/k\n"));
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(stderr.contains(says), "{command}: {stderr}");
        assert!(out.stdout.is_empty(), "{command}");
    }
    for command in [
        "copy b-1/src -",
        "multipart part-copy - --upload-id U --part 1 --source b-1/s",
    ] {
        let args: Vec<&str> = command.split(' ').collect();
        let out = run(&args, Some("b-1/one\nb-1/two\n"));
        assert!(out.status.success(), "{command}: {}", text(&out.stderr));
        let urls = text(&out.stdout);
        assert_eq!(urls.lines().count(), 2, "{command}");
        assert!(urls.contains("/b-1/two?"), "{urls}");
    }
}

/// A SigV4 URL as the AWS SDKs sign it, with `extra` in its query and a session token.
fn sdk_url(path: &str, extra: &str) -> String {
    format!(
        "https://b-1.s3.us-east-1.amazonaws.com{path}?{extra}&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={ACCESS_KEY}%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&X-Amz-Security-Token=SECRET-SESSION-TOKEN&X-Amz-Signature=0123abcd&X-Amz-SignedHeaders=host"
    )
}

/// Regression (outside review, finding 1): inspect dropped every query parameter whose name
/// starts `X-Amz-` (`X-Amz-Acl=public-read-write`, `X-Amz-Meta-Owner`,
/// `X-Amz-Storage-Class`, as the Go SDKs hoist headers), in text and JSON, though the
/// signature covers them: an auditor could not see what the URL does. Only SigV4's six auth
/// parameters and the session token (never shown) are left out; SigV2's header copies show
/// with their values.
#[test]
fn inspect_shows_x_amz_parameters_in_any_case() {
    let extra = "X-Amz-Acl=public-read-write&X-Amz-Meta-Owner=x&X-Amz-Storage-Class=GLACIER&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&x-id=PutObject";
    let url = sdk_url("/k", extra);
    let out = run(&["inspect", &url, "--at", LATER], None);
    let shown = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        shown.contains(
            "params:         X-Amz-Acl=public-read-write, X-Amz-Meta-Owner=x, \
             X-Amz-Storage-Class=GLACIER, X-Amz-Content-Sha256=UNSIGNED-PAYLOAD, x-id=PutObject\n"
        ),
        "{shown}"
    );
    assert!(
        shown.contains(
            "operation:      PutObject (PUT), by the headers in its query, as its x-id says\n"
        ),
        "{shown}"
    );
    assert!(
        !shown.contains("SECRET-SESSION-TOKEN") && !shown.contains("Security-Token"),
        "{shown}"
    );
    let out = run(&["inspect", "-o", "json", &url, "--at", LATER], None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["params"],
        serde_json::json!({
            "X-Amz-Acl": "public-read-write",
            "X-Amz-Meta-Owner": "x",
            "X-Amz-Storage-Class": "GLACIER",
            "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD",
            "x-id": "PutObject",
        })
    );
    assert_eq!(json["session_token"], true);
    assert!(!text(&out.stdout).contains("SECRET-SESSION-TOKEN"));

    // SigV2 as botocore signs an upload: the headers' lowercase copies in the query.
    let out = run(
        &[
            "put",
            "b-1/k",
            "--acl",
            "public-read-write",
            "--meta",
            "owner=x",
            "--signature",
            "v2",
            "--session-token",
            "SECRET-SESSION-TOKEN",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let url = text(&out.stdout).trim_end().to_owned();
    let out = run(&["inspect", "-o", "json", &url], None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["params"]["x-amz-acl"], "public-read-write", "{json}");
    assert_eq!(json["params"]["x-amz-meta-owner"], "x", "{json}");
    assert!(!json.to_string().contains("SECRET-SESSION-TOKEN"), "{json}");
    assert!(
        !json["params"].to_string().contains("security-token"),
        "{json}"
    );
    let shown = text(&run(&["inspect", &url], None).stdout);
    assert!(shown.contains("x-amz-acl=public-read-write"), "{shown}");
    assert!(!shown.contains("SECRET-SESSION-TOKEN"), "{shown}");
}

/// Regression (outside review, finding 2): inspect named no operation for the `x-id`
/// that the AWS JavaScript v3 and Go v2 SDKs write (`?x-id=GetObject`). It names the
/// operation when the rest of the URL allows it, says it disagrees when the rest
/// contradicts it (S3 goes by the rest), and never echoes a value that names no operation.
#[test]
fn inspect_names_the_operation_of_an_x_id() {
    for (path, extra, says) in [
        ("/k", "x-id=GetObject", "GetObject (GET), by its x-id"),
        ("/k", "x-id=PutObject", "PutObject (PUT), by its x-id"),
        (
            "/k",
            "x-id=UploadPart&partNumber=1&uploadId=U",
            "UploadPart (PUT), as its x-id says",
        ),
        (
            "/k",
            "x-id=GetObject&partNumber=1&uploadId=U",
            "UploadPart (PUT); its x-id says GetObject, which the rest of the URL contradicts (S3 goes by the rest)",
        ),
        (
            "/k",
            &format!("x-id={SECRET}"),
            "not written in the URL: presign verify finds it",
        ),
    ] {
        assert_eq!(inspected_operation(&sdk_url(path, extra)), says, "{extra}");
    }
    // JSON has no operation; the x-id is among the params.
    let out = run(
        &["inspect", "-o", "json", &sdk_url("/k", "x-id=GetObject")],
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["params"], serde_json::json!({"x-id": "GetObject"}));
}
