//! `presign inspect` and `presign verify` on hostile and unusual URLs, run as the real
//! binary in an empty `HOME`: a session token under any spelling never shows, a password
//! in a URL is redacted, no decoded field reaches the terminal raw (one line per URL,
//! always), a reader that goes away ends the run quietly, and the smaller findings of
//! issue 16 (operation names, messages). Each test is named after the finding it pins.

use assert_cmd::cargo::cargo_bin;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};

const ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const AT: &str = "2026-01-01T00:00:00Z";
const TOKEN: &str = "TOKEN-CANARY-31337";

fn presign(home: &std::path::Path) -> Command {
    let mut cmd = Command::new(cargo_bin("presign"));
    cmd.env_clear()
        .env("HOME", home)
        .env("PRESIGN_ACCESS_KEY", ACCESS_KEY)
        .env("PRESIGN_SECRET_KEY", SECRET)
        .env("PRESIGN_ENDPOINT", "https://gateway.storjshare.io")
        .args(["--at", AT]);
    cmd
}

/// Runs presign with `args` (and `stdin`), in an empty `HOME`.
fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let home = tempfile::tempdir().unwrap();
    let mut child = presign(home.path())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A URL presign makes with `args`.
fn url(args: &[&str]) -> String {
    let out = run(args, None);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout).trim_end().to_owned()
}

/// No byte of `out` is a control character but the line ends, and no raw C1 control.
fn assert_clean(out: &Output) {
    for stream in [&out.stdout, &out.stderr] {
        let s = text(stream);
        assert!(
            !s.chars().any(|c| c.is_control() && c != '\n'),
            "a control character reached the terminal: {s:?}"
        );
    }
}

/// Regression (issue 16.3): the session token spelled `X-Amz-Security-Token` in a SigV2
/// URL, or `x-amz-security-token` in a SigV4 one, was printed among the parameters, and
/// then called "none".
#[test]
fn inspect_never_prints_the_session_token_under_any_spelling() {
    let v4 = url(&["get", "b-1/k"]);
    let v2 = url(&["get", "b-1/k", "--signature", "v2"]);
    let urls = [
        format!("{v2}&X-Amz-Security-Token={TOKEN}"),
        format!("{v4}&x-amz-security-token={TOKEN}"),
        format!("{v4}&X-AMZ-SECURITY-TOKEN={TOKEN}"),
        format!("{v2}&x-amz-security-token={TOKEN}"),
    ];
    for u in &urls {
        for output in ["text", "json"] {
            let out = run(&["inspect", "-o", output, u], None);
            let all = text(&out.stdout) + &text(&out.stderr);
            assert!(out.status.success(), "{u}: {all}");
            assert!(!all.contains(TOKEN), "{u} -o {output}: {all}");
            assert!(
                all.contains("session token:  present (not shown)")
                    || all.contains("\"session_token\":true"),
                "{u} -o {output}: {all}"
            );
        }
        let out = run(&["verify", "--explain", u], None);
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(!all.contains(TOKEN), "{u}: {all}");
    }
    // --explain shows it by its length, where the canonical request has it.
    let out = run(&["verify", "--explain", &urls[1]], None);
    let shown = text(&out.stdout);
    assert!(
        shown.contains("x-amz-security-token=(redacted, 18 characters)"),
        "{shown}"
    );
    // SigV2 signs botocore's header copy as a line of its string to sign.
    let out = run(&["verify", "--explain", &urls[3]], None);
    let shown = text(&out.stdout);
    assert!(
        shown.contains("\nx-amz-security-token:(redacted, 18 characters)\n"),
        "{shown}"
    );
}

/// Regression (issue 16.4): an error of inspect or verify quoted a URL's user info
/// (`https://AKIA:SECRET@host/...`), which `--endpoint` redacts.
#[test]
fn errors_never_echo_a_password_in_the_url() {
    let v4 = url(&["get", "b-1/k"]);
    let rest = v4.strip_prefix("https://").unwrap();
    for u in [
        format!("https://AKIA:PASS-CANARY@{rest}"),
        format!("https://AKIA:PASS/CANARY@{rest}"),
        format!("https://AKIA:PASS?CANARY@{rest}"),
        format!("https://AKIA:PASS#CANARY@{rest}"),
        format!("http://PASS-CANARY@{rest}"),
    ] {
        for command in ["inspect", "verify"] {
            for output in ["text", "json"] {
                let args: Vec<&str> = if command == "inspect" {
                    vec![command, "-o", output, &u]
                } else {
                    vec![command, "--explain", &u]
                };
                let out = run(&args, None);
                let all = text(&out.stdout) + &text(&out.stderr);
                assert_eq!(out.status.code(), Some(2), "{u}: {all}");
                assert!(!all.contains("CANARY"), "{command} {u}: {all}");
                assert!(all.contains("***"), "{command} {u}: {all}");
            }
        }
    }
}

/// Regression (issue 16.5): decoded fields reached the terminal raw, so a hostile URL
/// wrote ANSI/OSC sequences and forged lines (`verify` printed a second line
/// `valid: GET, for 50m more` for one URL).
#[test]
fn decoded_fields_never_reach_the_terminal_raw() {
    let v4 = url(&["get", "b-1/k"]);
    let v2 = url(&["get", "b-1/k", "--signature", "v2"]);
    let esc = "%1B%5D0%3Bpwned%07%1B%5B31m";
    let forged = "%0Avalid%3A%20GET%2C%20for%2050m%20more";
    let c1 = "%C2%9B31m";
    let mut hostile = Vec::new();
    for evil in [esc, forged, c1] {
        // Access key, region, service, signed-header names, parameter names and values.
        hostile.push(v4.replacen("AKIAIOSFODNN7EXAMPLE", &format!("AK{evil}"), 1));
        hostile.push(v4.replacen("us-east-1", &format!("us{evil}"), 1));
        hostile.push(v4.replacen("%2Fs3%2F", &format!("%2Fs3{evil}%2F"), 1));
        hostile.push(v4.replacen(
            "SignedHeaders=host",
            &format!("SignedHeaders=host%3Bx{evil}"),
            1,
        ));
        hostile.push(format!("{v4}&x{evil}=1"));
        hostile.push(format!("{v4}&x={evil}"));
        hostile.push(format!("{v2}&x-amz-meta-a={evil}"));
        hostile.push(v2.replacen(
            "AWSAccessKeyId=AKIA",
            &format!("AWSAccessKeyId={evil}AKIA"),
            1,
        ));
    }
    // Raw control characters in the host or anywhere in the URL.
    hostile.push(v4.replacen("gateway", "gate\u{1b}[31mway", 1));
    hostile.push(v4.replacen("/b-1/", "/b-1/\u{1b}]0;x\u{7}", 1));
    for u in &hostile {
        for args in [
            vec!["inspect", u.as_str()],
            vec!["inspect", "-o", "json", u.as_str()],
            vec!["verify", u.as_str()],
            vec!["verify", "--explain", u.as_str()],
        ] {
            let out = run(&args, None);
            assert_clean(&out);
            // Refused as not a presigned URL, on one line.
            assert_eq!(
                out.status.code(),
                Some(2),
                "{args:?}: {}",
                text(&out.stdout)
            );
            assert_eq!(text(&out.stderr).lines().count(), 1, "{args:?}");
        }
    }
    // A key may hold anything: shown escaped, one line a field, one JSON line a URL.
    let key = url(&["get", "b-1/a\u{1b}[31mb\nvalid: GET\u{9b}c"]);
    let out = run(&["inspect", &key], None);
    assert_clean(&out);
    assert!(
        text(&out.stdout).contains(r"key:            a\u{1b}[31mb\nvalid: GET\u{9b}c"),
        "{}",
        text(&out.stdout)
    );
    let out = run(&["inspect", "-o", "json", &key], None);
    assert_clean(&out);
    assert_eq!(text(&out.stdout).lines().count(), 1);
    assert!(
        text(&out.stdout).contains(r#""key":"a\u001b[31mb\nvalid: GET\u009bc""#),
        "{}",
        text(&out.stdout)
    );
    // A batch on stdin: one line a URL, hostile ones in it stop it with one line.
    let batch = format!("{key}\n{key}\n{}\n", hostile[1]);
    let out = run(&["verify", "-"], Some(&batch));
    assert_clean(&out);
    assert_eq!(
        text(&out.stdout).lines().count(),
        2,
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stderr).starts_with("presign: error: stdin line 3: "));
}

/// Spawns presign reading `lines` on stdin, reads one line of its stdout and closes it.
fn read_one_line_and_leave(args: &[&str], lines: &str) -> Output {
    let home = tempfile::tempdir().unwrap();
    let input = home.path().join("urls");
    std::fs::write(&input, lines).unwrap();
    let mut child = presign(home.path())
        .args(args)
        .stdin(std::fs::File::open(&input).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty());
    child.wait_with_output().unwrap()
}

/// Regression (issue 16.6): `inspect -` and `verify -` exited 1 with "Broken pipe" when
/// the reader went away, which the README promises is exit 0 (as `get -` does).
#[test]
fn a_reader_that_goes_away_ends_inspect_and_verify_quietly() {
    let line = url(&["get", "b-1/k"]) + "\n";
    let many = line.repeat(200_000);
    for args in [
        ["inspect", "-"].as_slice(),
        &["inspect", "-o", "json", "-"],
        &["verify", "-"],
    ] {
        let out = read_one_line_and_leave(args, &many);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
}

/// Regression (issue 16.6): a write error was blamed on a stdin line
/// (`stdin line 1: cannot write to stdout`); and a final flush that failed was ignored.
#[test]
fn a_write_error_is_stdouts_not_a_stdin_lines() {
    if !std::path::Path::new("/dev/full").exists() {
        return crate::support::programs::skip("this test needs /dev/full (not found)");
    }
    let line = url(&["get", "b-1/k"]) + "\n";
    for args in [
        ["inspect", "-"].as_slice(),
        &["verify", "-"],
        &["verify", &line[..line.len() - 1]],
    ] {
        let home = tempfile::tempdir().unwrap();
        let input = home.path().join("urls");
        std::fs::write(&input, line.repeat(3)).unwrap();
        let out = presign(home.path())
            .args(args)
            .stdin(std::fs::File::open(&input).unwrap())
            .stdout(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.starts_with("presign: error: cannot write to stdout"),
            "{err}"
        );
        assert!(!err.contains("stdin line"), "{err}");
    }
}

/// Regression (issue 16.7): inspect called a ranged GET a PutObject; each operation's
/// name is checked against what presign signs for it.
#[test]
fn inspect_names_the_operation_from_its_params_and_signed_headers() {
    for (args, says) in [
        (
            vec!["get", "b-1/k", "--range", "bytes=0-9"],
            "GetObject (GET) or HeadObject (HEAD), by its signed headers",
        ),
        (
            vec!["get", "b-1/k"],
            "not written in the URL: presign verify finds it",
        ),
        (
            vec!["head", "b-1/k"],
            "not written in the URL: presign verify finds it",
        ),
        (
            vec!["delete", "b-1/k"],
            "not written in the URL: presign verify finds it",
        ),
        (
            vec!["multipart", "abort", "b-1/k", "--upload-id", "U"],
            "CompleteMultipartUpload (POST) or AbortMultipartUpload (DELETE)",
        ),
        (
            vec!["get", "b-1/k", "--download-as", "a.txt"],
            "GetObject (GET) or HeadObject (HEAD)",
        ),
        (
            vec!["put", "b-1/k", "--content-type", "text/plain"],
            "PutObject (PUT), by its signed headers",
        ),
        (
            vec!["put", "b-1/k", "--meta", "a=b"],
            "PutObject (PUT), by its signed headers",
        ),
        (
            vec![
                "put",
                "b-1/k",
                "--checksum-sha256",
                "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            ],
            "PutObject (PUT), by its signed headers",
        ),
        (
            vec!["multipart", "create", "b-1/k"],
            "CreateMultipartUpload (POST)",
        ),
        (
            vec![
                "multipart",
                "part",
                "b-1/k",
                "--upload-id",
                "U",
                "--parts",
                "1",
            ],
            "UploadPart (PUT)",
        ),
        (
            vec!["multipart", "complete", "b-1/k", "--upload-id", "U"],
            "CompleteMultipartUpload (POST) or AbortMultipartUpload (DELETE)",
        ),
    ] {
        let out = run(&args, None);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        let u = text(&out.stdout).lines().next().unwrap().to_owned();
        let shown = text(&run(&["inspect", &u], None).stdout);
        assert!(
            shown.contains(&format!("operation:      {says}\n")),
            "{args:?}: {shown}"
        );
        // And verify finds the method the name says.
        let verdict = text(
            &run(
                &[
                    "verify",
                    &u,
                    "--header",
                    "Range: bytes=0-9",
                    "--header",
                    "If-Match: \"e\"",
                    "--header",
                    "Content-Type: text/plain",
                    "--header",
                    "x-amz-meta-a: b",
                    "--header",
                    "x-amz-checksum-sha256: 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
                ],
                None,
            )
            .stdout,
        );
        let method = verdict
            .split([' ', ','])
            .nth(1)
            .unwrap_or_default()
            .to_owned();
        assert!(verdict.starts_with("valid: "), "{args:?}: {verdict}");
        assert!(
            says.contains(&format!("({method}")) || says.starts_with("not written"),
            "{args:?}: {verdict}"
        );
    }
}

/// Regression (issue 16.7): a well-formed escape of bytes that are not UTF-8 was called
/// "malformed"; an empty X-Amz-SignedHeaders gave "signs the headers ; give their
/// values".
#[test]
fn messages_name_the_real_problem() {
    let v4 = url(&["get", "b-1/k"]);
    let out = run(&["inspect", &format!("{v4}&x=%FF")], None);
    let err = text(&out.stderr);
    assert!(
        err.contains("not UTF-8") && !err.contains("malformed"),
        "{err}"
    );
    let out = run(&["inspect", &format!("{v4}&x=%ZZ")], None);
    assert!(text(&out.stderr).contains("malformed %-escape"));
    let out = run(&["inspect", &v4.replacen("/k?", "/%C3?", 1)], None);
    assert!(text(&out.stderr).contains("the path has %-escapes whose bytes are not UTF-8"));
    let empty = v4.replacen("SignedHeaders=host", "SignedHeaders=", 1);
    let shown = text(&run(&["inspect", &empty], None).stdout);
    assert!(shown.contains("signed headers: none\n"), "{shown}");
    let out = run(&["verify", &empty], None);
    let verdict = text(&out.stdout);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        verdict,
        "invalid: X-Amz-SignedHeaders does not list host, which S3, MinIO and Storj require, so servers refuse it whatever its signature (the signature matches no method either)\n"
    );
}

/// Regression (issue 16.2): verify's wording for what servers refuse and for a URL
/// signed in the future.
#[test]
fn verify_says_why_servers_refuse_a_url_and_when_it_was_signed_ahead() {
    let ahead = url(&["get", "b-1/k", "--at", "2026-01-01T00:10:00Z"]);
    let out = run(&["verify", &ahead], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(
        text(&out.stdout),
        "valid: GET, for 1h 10m more (until 2026-01-01T01:10:00Z); signed 10m in the future, within the 15m of clock skew servers allow\n"
    );
    let far = url(&["get", "b-1/k", "--at", "2026-01-01T00:20:00Z"]);
    // inspect says so too (a sibling: it called it valid).
    let shown = text(&run(&["inspect", &far], None).stdout);
    assert!(
        shown.contains("(not valid yet: signed 20m in the future, more than the 15m of clock skew servers allow; signed for 1h)"),
        "{shown}"
    );
    let out = run(&["verify", &far], None);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stdout),
        "invalid: the signature is right for GET, but it was signed 20m in the future, more than the 15m of clock skew servers allow: not valid for another 5m\n"
    );
    let aws = run(
        &[
            "get",
            "b-1/k",
            "--endpoint",
            "https://s3.eu-west-1.amazonaws.com",
            "--region",
            "us-east-1",
        ],
        None,
    );
    let aws = text(&aws.stdout).trim_end().to_owned();
    let out = run(&["verify", &aws], None);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stdout),
        "invalid: the credential scope's region is \"us-east-1\", but the host is S3's in eu-west-1, so servers refuse it whatever its signature (the signature is right for GET)\n"
    );
}

/// `inspect` on a listing printed `key:` with nothing after it.
#[test]
fn inspect_says_a_listing_has_no_key() {
    for args in [
        &["list", "b-1/photos/", "--delimiter", "/"][..],
        &["list", "b-1"][..],
    ] {
        let out = run(&["inspect", &url(args)], None);
        assert_clean(&out);
        let report = text(&out.stdout);
        assert!(
            report.contains("\nkey:            none (a request on the bucket itself)\n"),
            "{report}"
        );
        assert!(
            report.contains("operation:      ListObjectsV2 (GET)"),
            "{report}"
        );
    }
    // JSON keeps the key as the URL has it: empty.
    let out = run(&["inspect", "-o", "json", &url(&["list", "b-1"])], None);
    assert!(
        text(&out.stdout).contains(r#""bucket":"b-1","key":"","#),
        "{}",
        text(&out.stdout)
    );
}

/// A second review: `inspect` printed an SSE-C key a URL carries in its query (botocore's
/// SigV2 URLs do) in its `params`, where `verify --explain` redacts it.
#[test]
fn inspect_never_prints_an_sse_c_key_in_the_query() {
    let key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    let base = url(&["get", "b-1/k", "--signature", "v2"]);
    let u = format!(
        "{base}&x-amz-server-side-encryption-customer-key={}&X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key={}",
        key.replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D"),
        key.replace('=', "%3D")
    );
    for args in [&["inspect", &u][..], &["inspect", "-o", "json", &u]] {
        let out = run(args, None);
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(
            !all.contains("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"),
            "{all}"
        );
        assert!(all.contains("(redacted, 44 characters)"), "{all}");
    }
}

/// Regression (outside review, finding 2): a SigV2 URL with signed headers was called
/// valid without their values, filled in from the copies botocore puts in the query,
/// which servers do not read (s3s answers the bare request 403). Like SigV4, it names the
/// headers and asks for them; with them, it checks them; for metadata, which radosgw
/// reads from the query's copy, it says that the answer depends on the server.
#[test]
fn verify_asks_for_a_sigv2_urls_signed_headers() {
    let verdict = |u: &str, headers: &[&str]| {
        let mut args = vec!["verify", u];
        for h in headers {
            args.extend(["--header", h]);
        }
        let out = run(&args, None);
        (out.status.code().unwrap(), text(&out.stdout))
    };
    let cases: [(&[&str], &[&str]); 5] = [
        (&["put", "--meta", "owner=ci"], &["x-amz-meta-owner: ci"]),
        (
            &["put", "--content-type", "text/plain"],
            &["Content-Type: text/plain"],
        ),
        (
            &["put", "--content-md5", "1B2M2Y8AsgTpgAmY7PhCfg=="],
            &["Content-MD5: 1B2M2Y8AsgTpgAmY7PhCfg=="],
        ),
        (
            &["put", "--acl", "public-read"],
            &["x-amz-acl: public-read"],
        ),
        (
            &["get", "--request-payer"],
            &["x-amz-request-payer: requester"],
        ),
    ];
    for (args, headers) in cases {
        for signature in ["v4", "v2"] {
            let mut args = args.to_vec();
            args.extend(["b-1/k", "--signature", signature]);
            let u = url(&args);
            let name = headers[0].split(':').next().unwrap().to_ascii_lowercase();
            let (code, line) = verdict(&u, &[]);
            assert_eq!(code, 3, "{args:?}: {line}");
            assert!(
                line.starts_with(&format!(
                    "cannot check: the URL signs the headers {name}; give their values with --header 'NAME: VALUE'"
                )),
                "{args:?}: {line}"
            );
            let (code, line) = verdict(&u, headers);
            let method = if args[0] == "get" { "GET" } else { "PUT" };
            if signature == "v2" && name.starts_with("x-amz-meta-") {
                assert_eq!(code, 3, "{args:?}: {line}");
                assert_eq!(
                    line,
                    "depends on the server: the signature is right for PUT with those headers where a SigV2 URL's x-amz-meta-* are read from the request's headers (s3s); radosgw reads them from the query's copies, and takes PUT only without those headers; for 1h more (until 2026-01-01T01:00:00Z)\n"
                );
            } else {
                assert_eq!(code, 0, "{args:?}: {line}");
                assert_eq!(
                    line,
                    format!("valid: {method}, for 1h more (until 2026-01-01T01:00:00Z)\n")
                );
            }
            // Another value is checked, not taken from the query.
            let changed = format!("{name}: other");
            let (code, line) = verdict(&u, &[&changed]);
            assert_eq!(code, 3, "{args:?}: {line}");
            assert!(!line.starts_with("valid"), "{args:?}: {line}");
        }
    }
    // Without the metadata, each reading is named: s3s needs it sent, radosgw reads the
    // query's copy and takes the request without it.
    // A SigV2 upload URL with these options.
    let v2_put = |options: &str| {
        let mut args = vec!["put", "b-1/k", "--signature", "v2"];
        args.extend(options.split(' '));
        url(&args)
    };
    let u = v2_put("--meta owner=ci");
    assert_eq!(
        verdict(&u, &[]).1,
        "cannot check: the URL signs the headers x-amz-meta-owner; give their values with --header 'NAME: VALUE'; servers differ on a SigV2 URL's x-amz-meta-*: s3s reads them from the request's headers, radosgw from the query's copies, and takes PUT only without those headers\n"
    );
    // A signed header besides the metadata, not given: radosgw cannot be answered for.
    let u = v2_put("--meta owner=ci --acl private");
    assert_eq!(
        verdict(&u, &[]).1,
        "cannot check: the URL signs the headers x-amz-meta-owner, x-amz-acl; give their values with --header 'NAME: VALUE'; servers differ on a SigV2 URL's x-amz-meta-*: s3s reads them from the request's headers, radosgw from the query's copies\n"
    );
    // --explain shows the string to sign with the header given, not the query's copy.
    let u = v2_put("--content-type text/plain");
    let out = run(
        &[
            "verify",
            "--explain",
            &u,
            "--header",
            "Content-Type: image/png",
        ],
        None,
    );
    assert!(
        text(&out.stdout).contains("string to sign:\nPUT\n\nimage/png\n"),
        "{}",
        text(&out.stdout)
    );
}

/// Regression (outside review, finding 7): with one URL, `verify` printed its verdict and
/// then "not every URL verified: see the lines above". The summary is for a batch: with
/// one URL (given, or one line of stdin) the verdict says it all; with more, it stays.
#[test]
fn verify_with_one_url_prints_no_summary_line() {
    let bad = url(&["get", "b-1/k"]).replace("X-Amz-Signature=", "X-Amz-Signature=0");
    let good = url(&["get", "b-1/k"]);
    let summary = "presign: error: not every URL verified: see the lines above\n";
    for (args, stdin) in [
        (vec!["verify", bad.as_str()], None),
        (vec!["verify", "-"], Some(format!("{bad}\n"))),
    ] {
        let out = run(&args, stdin.as_deref());
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        assert!(text(&out.stdout).starts_with("invalid: "), "{args:?}");
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
    for (args, stdin) in [
        (vec!["verify", good.as_str(), bad.as_str()], None),
        (vec!["verify", "-"], Some(format!("{bad}\n{good}\n"))),
    ] {
        let out = run(&args, stdin.as_deref());
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        assert_eq!(text(&out.stdout).lines().count(), 2, "{args:?}");
        assert_eq!(text(&out.stderr), summary, "{args:?}");
    }
    // All valid: exit 0, nothing on stderr, one URL or two.
    for urls in [vec![good.as_str()], vec![good.as_str(), good.as_str()]] {
        let out = run(&[&["verify"][..], &urls].concat(), None);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(text(&out.stderr), "");
    }
}
