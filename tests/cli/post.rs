//! `presign post` as a user runs it: the exact JSON, a curl line whose every argument
//! survives sh, bash and zsh, and an HTML page that escapes everything it shows and
//! carries every field. In an empty HOME, at a fixed time.

use assert_cmd::Command;
use std::path::Path;

use crate::support::programs;

const AK: &str = "AKIAIOSFODNN7EXAMPLE";
const SK: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const AT: &str = "2026-01-01T00:00:00Z";

fn run_post(home: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("presign")
        .unwrap()
        .env_clear()
        .env("HOME", home)
        .env("PRESIGN_ACCESS_KEY", AK)
        .env("PRESIGN_SECRET_KEY", SK)
        .args(["--at", AT, "post"])
        .args(args)
        .output()
        .unwrap()
}

fn post(home: &Path, args: &[&str]) -> String {
    let out = run_post(home, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains(SK) && !String::from_utf8_lossy(&out.stderr).contains(SK));
    text
}

/// botocore-presign.md section 2's example, through the command line.
#[test]
fn json_is_botocores_dict() {
    let home = tempfile::tempdir().unwrap();
    let text = post(
        home.path(),
        &[
            "bucket/key.txt",
            "--acl",
            "public-read",
            "--content-type-prefix",
            "text/",
            "--min-size",
            "1",
            "--max-size",
            "10485760",
        ],
    );
    assert_eq!(
        text,
        r#"{
  "url": "https://gateway.storjshare.io/bucket",
  "fields": {
    "acl": "public-read",
    "key": "key.txt",
    "x-amz-algorithm": "AWS4-HMAC-SHA256",
    "x-amz-credential": "AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/s3/aws4_request",
    "x-amz-date": "20260101T000000Z",
    "policy": "eyJleHBpcmF0aW9uIjogIjIwMjYtMDEtMDFUMDE6MDA6MDBaIiwgImNvbmRpdGlvbnMiOiBbeyJhY2wiOiAicHVibGljLXJlYWQifSwgWyJzdGFydHMtd2l0aCIsICIkQ29udGVudC1UeXBlIiwgInRleHQvIl0sIFsiY29udGVudC1sZW5ndGgtcmFuZ2UiLCAxLCAxMDQ4NTc2MF0sIHsiYnVja2V0IjogImJ1Y2tldCJ9LCB7ImtleSI6ICJrZXkudHh0In0sIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwgeyJ4LWFtei1jcmVkZW50aWFsIjogIkFLSUFJT1NGT0ROTjdFWEFNUExFLzIwMjYwMTAxL3VzLWVhc3QtMS9zMy9hd3M0X3JlcXVlc3QifSwgeyJ4LWFtei1kYXRlIjogIjIwMjYwMTAxVDAwMDAwMFoifV19",
    "x-amz-signature": "19168e2f970d299393bbff808991b36b64172a4e512fbf91ac26c939e4b7fecc"
  },
  "content_type_prefix": "text/"
}
"#
    );
}

/// The fields of `-o json`, in order (serde_json's map would sort them).
fn json_fields(text: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let map = v["fields"].as_object().unwrap();
    let mut fields: Vec<(usize, String, String)> = map
        .iter()
        .map(|(k, val)| {
            let at = text
                .find(&format!("{}: ", serde_json::to_string(k).unwrap()))
                .unwrap();
            (at, k.clone(), val.as_str().unwrap().to_owned())
        })
        .collect();
    fields.sort();
    fields.into_iter().map(|(_, k, v)| (k, v)).collect()
}

/// Every argument of the curl line reaches curl exactly, in sh, bash and zsh (those
/// installed): a fake `curl` on PATH writes its arguments out.
#[test]
fn the_curl_line_survives_every_shell() {
    let home = tempfile::tempdir().unwrap();
    let args = [
        "b-1/it's \"a\" $HOME `x` key.txt",
        "--session-token",
        "tok'en$1",
        "--meta",
        "who=O'Brien & co",
        "--field",
        "x-ignore-a=@/etc/passwd;type=text/plain",
        "--file",
        "it's; a, \"file\".txt",
    ];
    let json = post(home.path(), &args);
    let line = post(home.path(), &[&args[..], &["-o", "curl"]].concat());
    let bin = home.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let fake = bin.join("curl");
    std::fs::write(
        &fake,
        "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut expected = vec!["--fail".to_owned(), "--globoff".to_owned()];
    for (name, value) in json_fields(&json) {
        expected.push("--form-string".to_owned());
        expected.push(format!("{name}={value}"));
    }
    expected.push("-F".to_owned());
    expected.push(r#"file=@"it's; a, \"file\".txt""#.to_owned());
    expected.push("https://gateway.storjshare.io/b-1".to_owned());

    for shell in ["sh", "bash", "zsh"] {
        // Each shell on its own: a missing zsh skips its part only (and fails under CI).
        if !programs::have(&[shell]) {
            continue;
        }
        let out = std::process::Command::new(shell)
            .arg("-c")
            .arg(&line)
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {line}");
        let got: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .split_terminator('\0')
            .map(str::to_owned)
            .collect();
        assert_eq!(got, expected, "{shell}: {line}");
    }
}

/// The page shows a hostile key as text, carries every field exactly, posts to the
/// bucket, loads nothing from elsewhere, and asks for 201 so the browser shows the answer.
#[test]
fn the_page_escapes_and_carries_every_field() {
    let home = tempfile::tempdir().unwrap();
    let args = [
        "b-1/<script>alert(1)</script>\"'&.txt",
        "--field",
        "x-ignore-note=</form><img src=x onerror=alert(2)>",
        "--content-type",
        "text/plain",
        "--max-size",
        "20MiB",
    ];
    let html = post(home.path(), &[&args[..], &["-o", "html"]].concat());
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;.txt"));
    assert!(html.contains("20 MiB (20971520 bytes)"));
    assert!(html.contains("<code>text/plain</code> only"));
    assert!(html.contains("2026-01-01 01:00 UTC"));
    // Self-contained: no external scripts, styles, fonts or images.
    for external in [
        "<script src",
        "<img",
        "<link",
        "<iframe",
        "href=",
        "@import",
        "url(",
    ] {
        assert!(!html.contains(external), "{external} in the page");
    }
    assert!(
        html.contains(
            "action=\"https://gateway.storjshare.io/b-1\" enctype=\"multipart/form-data\""
        )
    );

    // The hidden fields, unescaped, are the JSON's fields (and 201) in the same order.
    let unescape = |s: &str| {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    };
    let hidden: Vec<(String, String)> = html
        .split("<input type=\"hidden\" name=\"")
        .skip(1)
        .map(|rest| {
            let (name, rest) = rest.split_once("\" value=\"").unwrap();
            let (value, _) = rest.split_once('"').unwrap();
            (unescape(name), unescape(value))
        })
        .collect();
    let json = post(
        home.path(),
        &[&args[..], &["--success-status", "201"]].concat(),
    );
    assert_eq!(hidden, json_fields(&json));
    assert!(hidden.contains(&("success_action_status".into(), "201".into())));
    // The file input comes after every field: S3 ignores fields after the file.
    let file_at = html.find("type=\"file\"").unwrap();
    assert!(html.rfind("type=\"hidden\"").unwrap() < file_at);
}

/// Issue 16: `post -o html` signed a key or field value with CR or LF, which a browser
/// sends as CRLF, so the policy refused every upload. The page refuses them, naming the
/// flag (or the key) and the value; JSON and curl, which send the bytes as they are, still
/// take them.
#[test]
fn html_refuses_line_breaks_in_the_key_and_field_values() {
    let home = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["b-1/two\nlines.txt"],
            "presign: error: -o html: the key \"two\\nlines.txt\" has a line break",
        ),
        (
            &["b-1/cr\r.txt"],
            "presign: error: -o html: the key \"cr\\r.txt\" has a line break",
        ),
        (
            &["b-1/k", "--field", "x-note=a\r\nb"],
            "presign: error: --field: -o html: \"x-note=a\\r\\nb\" has a line break",
        ),
        (
            &["b-1/k", "--field", "x-note=end\n"],
            "presign: error: --field: -o html: \"x-note=end\\n\" has a line break",
        ),
        (
            &["b-1/k", "--redirect", "https://example.com/\ndone"],
            "presign: error: --redirect: -o html: \"https://example.com/\\ndone\" has a line break",
        ),
    ];
    for (args, says) in cases {
        let out = run_post(home.path(), &[args, &["-o", "html"]].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
        assert!(stderr.starts_with(says), "{args:?}: {stderr}");
        assert!(stderr.contains("use -o curl or -o json"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        for other in ["json", "curl"] {
            let out = run_post(home.path(), &[args, &["-o", other]].concat());
            assert!(out.status.success(), "{args:?} -o {other}");
        }
    }
}

/// The sibling no flag names: a session token with a line break is refused for the page
/// too, naming its field and never showing the token.
#[test]
fn html_refuses_a_session_token_with_a_line_break_without_showing_it() {
    let home = tempfile::tempdir().unwrap();
    let token = "TOKEN-CANARY\nsecond-line";
    let out = run_post(
        home.path(),
        &["b-1/k", "--session-token", token, "-o", "html"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        "presign: error: -o html: the form field \"x-amz-security-token\" has a line break: a browser sends each line break as CRLF, so the policy would refuse the upload; remove it, or use -o curl or -o json\n"
    );
    assert!(out.stdout.is_empty());
}

/// Issue 16: `post BUCKET/${filename}` (an empty prefix) let the form write every key in
/// the bucket, silently. It warns, for every output; a prefix does not.
#[test]
fn a_key_of_only_filename_warns_that_every_key_is_writable() {
    let home = tempfile::tempdir().unwrap();
    for output in ["json", "curl", "html"] {
        let out = run_post(home.path(), &["b-1/${filename}", "-o", output]);
        assert!(out.status.success());
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "presign: warning: the key is only ${filename}: the form lets whoever holds it write any key in bucket \"b-1\", replacing any object; put uploads under a prefix, e.g. \"b-1/uploads/${filename}\"\n",
            "-o {output}"
        );
        let out = run_post(home.path(), &["b-1/up/${filename}", "-o", output]);
        assert!(out.status.success() && out.stderr.is_empty(), "-o {output}");
    }
}
