"""Bad input raises presign.Error (a ValueError) with the CLI's message, or TypeError;
never a secret, never a crash. A Presigner is immutable, shareable across threads, and
get_many releases the GIL."""

import datetime
import os
import re
import subprocess
import sys
import threading
import time

import presign
import pytest

from conftest import AWS_AK, AWS_SK, cli_binary, rng

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY0"  # 40, as AWS secrets
TOKEN = "IQoJb3JpZ2luX2VjTOKENSECRETVALUE"
AT = "2026-01-01T00:00:00Z"


@pytest.fixture
def p():
    return presign.Presigner(AWS_AK, SECRET, TOKEN)


ERRORS = [
    # (method, args, kwargs, the CLI's message)
    ("get", ("my-bucket", "k"), {"expires": "8d"},
     "expires: expiry of 691200 s is too long for SigV4: the limit is 604800 s (7d)"),
    ("get", ("my-bucket", "k"), {"expires": 691200},
     "expires: expiry of 691200 s is too long for SigV4"),
    ("get", ("my-bucket", "k"), {"expires": "1y"},
     'expires: invalid duration "1y": the unit must be s, m, h or d'),
    ("get", ("my-bucket", "k"), {"expires": 0}, "it must be at least 1 second"),
    ("get", ("my-bucket", "k"), {"expires": -5}, 'invalid duration "-5"'),
    ("get", ("my-bucket", "k"), {"at": "yesterday"}, 'at: invalid time "yesterday"'),
    ("get", ("my-bucket", "k"), {"at": "1969-12-31T23:59:59Z"}, "outside the years 1970 to 9999"),
    ("get", ("my-bucket", "k"), {"at": datetime.datetime(2026, 1, 1)}, "at: the datetime has no time zone"),
    ("get", ("bad!bucket", "k"), {}, 'bucket: invalid bucket name "bad!bucket": use only letters, digits'),
    ("get", ("my-bucket", ""), {}, "the key is empty"),
    ("get", ("my-bucket", "x" * 1025), {}, "the key is 1025 bytes long; S3 allows at most 1024 bytes"),
    ("get", ("my-bucket", "k"), {"response_expires": "soon"}, 'response_expires: invalid date "soon"'),
    ("get", ("my-bucket", "k"), {"download_as": "a\nb"}, "download_as: invalid file name"),
    ("get", ("my-bucket", "k"), {"download_as": "a", "response_content_disposition": "inline"},
     "download_as: it sets response_content_disposition"),
    ("get", ("my-bucket", "k"), {"version_id": ""}, 'version_id: invalid versionId "": it is empty'),
    ("put", ("my-bucket", "k"), {"checksum_sha256": "abc"},
     'checksum_sha256: invalid x-amz-checksum-sha256 value "abc": it is not valid base64'),
    ("put", ("my-bucket", "k"), {"content_md5": "AAAAAA=="},
     'content_md5: invalid content-md5 value "AAAAAA==": an MD5 digest is 16 bytes'),
    ("put", ("my-bucket", "k"), {"metadata": {"owner": "J\u00fcrgen"}},
     'metadata: invalid value "J\u00fcrgen" for header x-amz-meta-owner: it is not plain ASCII'),
    ("put", ("my-bucket", "k"), {"metadata": {"a b": "c"}}, 'metadata: invalid key "a b"'),
    ("put", ("my-bucket", "k"), {"metadata": {"A": "1", "a": "2"}}, 'metadata: key "a" is given twice'),
    ("put", ("my-bucket", "k"), {"acl": "public"}, 'acl: unknown canned ACL "public"'),
    ("put", ("my-bucket", "k"), {"storage_class": "cold"}, 'storage_class: invalid storage class "cold"'),
    ("put", ("my-bucket", "k"), {"tagging": "project"}, 'tagging: invalid tags "project"'),
    ("put", ("my-bucket", "k"), {"content_type": "t\u00e9xt/plain"},
     'content_type: invalid value "t\u00e9xt/plain" for header content-type: it is not plain ASCII'),
    ("put", ("my-bucket", "k"), {"cache_control": " "}, "cache_control: invalid value"),
    ("upload_part", ("my-bucket", "k", "U", 10001), {}, 'part_number: invalid part number "10001"'),
    ("upload_part", ("my-bucket", "k", "U", 0), {}, 'part_number: invalid part number "0"'),
    ("abort_multipart_upload", ("my-bucket", "k", ""), {}, 'upload_id: invalid uploadId "": it is empty'),
    ("post", ("my-bucket", "k"), {"min_size": 10, "max_size": 1}, "min_size: 10 is above max_size 1"),
    ("post", ("my-bucket", "k"), {"fields": {"policy": "x"}},
     'fields: form field "policy" is one presign sets itself; leave it out'),
    ("post", ("my-bucket", "k"), {"fields": {"acl": "public-read"}},
     'fields: form field "acl" has its own option: use acl='),
    ("post", ("my-bucket", "k"), {"redirect": "ftp://example.com/done"},
     'redirect: invalid redirect "ftp://example.com/done": it must be an http:// or https:// URL'),
    ("post", ("my-bucket", "k"), {"expires": "8d"}, "expires: expiry of 691200 s is too long for SigV4"),
    ("post", ("my-bucket", "k"), {"success_status": 202}, "success_status: invalid value 202"),
    ("post", ("my-bucket", "k"), {"content_type": "a", "content_type_prefix": "b"},
     "content_type: it cannot be used with content_type_prefix"),
]


@pytest.mark.parametrize("method,args,kwargs,message", ERRORS, ids=[e[3][:40] for e in ERRORS])
def test_bad_values_raise_presign_error_with_the_clis_message(p, method, args, kwargs, message):
    with pytest.raises(presign.Error) as e:
        getattr(p, method)(*args, at=kwargs.pop("at", AT), **kwargs)
    assert isinstance(e.value, ValueError)
    assert message in str(e.value)
    assert SECRET not in str(e.value) and TOKEN not in str(e.value)


def test_sigv2_refuses_what_it_cannot_sign_naming_the_keyword():
    p = presign.Presigner(AWS_AK, AWS_SK, signature="v2")
    for kwargs in [{"cache_control": "max-age=60"}, {"content_language": "de"}]:
        with pytest.raises(presign.Error, match="SigV2 cannot sign the"):
            p.put("my-bucket", "k", **kwargs)
    with pytest.raises(presign.Error, match="^range: SigV2 cannot sign the range header"):
        p.get("my-bucket", "k", range="bytes=0-9")


CONSTRUCTOR_ERRORS = [
    ({"endpoint": "eu2"}, 'endpoint: unknown endpoint "eu2": use a URL such as'),
    ({"endpoint": "https://s3.example.com/my-bucket"}, "it must not have a path"),
    ({"endpoint": "https://me:" + SECRET + "@s3.example.com"},
     'invalid endpoint "https://***@s3.example.com": it must not contain a user name or password'),
    ({"endpoint": "ftp://s3.example.com"}, "the scheme must be https:// or http://"),
    ({"region": "us/east"}, 'region: invalid region "us/east"'),
    ({"signature": "v3"}, 'signature: invalid signature version "v3": use v4 or v2'),
    ({"addressing": "sideways"}, 'addressing: invalid addressing style "sideways"'),
]


@pytest.mark.parametrize("kwargs,message", CONSTRUCTOR_ERRORS)
def test_bad_configuration(kwargs, message):
    with pytest.raises(presign.Error) as e:
        presign.Presigner(AWS_AK, SECRET, **kwargs)
    assert message in str(e.value) and SECRET not in str(e.value)


def test_credential_errors_never_show_the_secret():
    with pytest.raises(presign.Error, match='invalid access key "AK/X"'):
        presign.Presigner("AK/X", SECRET)
    with pytest.raises(presign.Error) as e:  # swapped: the secret is where the id goes
        presign.Presigner(SECRET, AWS_AK)
    assert "the two look swapped" in str(e.value) and SECRET not in str(e.value)
    with pytest.raises(presign.Error, match="secret key: it is empty"):
        presign.Presigner(AWS_AK, "")
    with pytest.raises(presign.Error, match="session token: it is empty"):
        presign.Presigner(AWS_AK, SECRET, "")


def test_virtual_host_refusals():
    p = presign.Presigner(AWS_AK, SECRET, addressing="virtual")
    with pytest.raises(presign.Error, match='drop addressing="virtual" to use path style'):
        p.get("my.bucket", "k")
    ip = presign.Presigner(AWS_AK, SECRET, endpoint="http://127.0.0.1:9000", addressing="virtual")
    with pytest.raises(presign.Error, match="needs a DNS name in the endpoint"):
        ip.get("my-bucket", "k")


def test_wrong_types_and_unknown_options_raise_type_error(p):
    for call in [
        lambda: p.get("my-bucket", 7),
        lambda: p.get(b"my-bucket", "k"),
        lambda: p.get("my-bucket", "k", expire=5),  # unknown option name
        lambda: p.put("my-bucket", "k", content_type=1),
        lambda: p.put("my-bucket", "k", metadata={"a": 1}),
        lambda: p.put("my-bucket", "k", metadata=["a"]),
        lambda: p.get("my-bucket", "k", expires=1.5),
        lambda: p.get("my-bucket", "k", expires=True),
        lambda: p.get("my-bucket", "k", at=1767225600),
        lambda: p.get_many("my-bucket", "one-string"),
        lambda: p.get_many("my-bucket", ["a", 2]),
        lambda: p.upload_part("my-bucket", "k", "U", "1"),
    ]:
        with pytest.raises(TypeError):
            call()


def test_garbage_never_gets_past_error_or_type_error(p):
    r = rng("garbage")
    pool = ["", " ", "\x00", "\n", "a" * 2000, "\ud800x", "\U0001f600", "-1", "0", "8d",
            "https://u:p@h", "${filename}", None, 0, -1, 2**70, 1.5, [], {}, {"a": None}, b"x"]
    kwargs_names = ["expires", "at", "content_type", "metadata", "download_as", "range",
                    "response_expires", "version_id", "acl", "tagging", "checksum_crc32"]
    for _ in range(3000):
        method = r.choice(["get", "put", "head", "delete"])
        kwargs = {}
        for name in r.sample(kwargs_names, r.randint(0, 3)):
            if method in ("get", "head", "delete") and name in ("content_type", "metadata", "acl",
                                                                 "tagging", "checksum_crc32"):
                continue
            if method == "delete" and name not in ("expires", "at", "version_id"):
                continue
            if method == "put" and name in ("download_as", "range", "response_expires", "version_id"):
                continue
            kwargs[name] = r.choice(pool)
        try:
            url = getattr(p, method)(r.choice(pool[:12] + ["my-bucket"]), r.choice(pool[:12]), **kwargs)
        except (presign.Error, TypeError, OverflowError, UnicodeEncodeError):
            continue
        assert url.isascii() and url.isprintable() and TOKEN in url


def test_a_rust_panic_reaches_python_as_an_exception_not_a_crash():
    with pytest.raises(BaseException) as e:
        presign._presign._panic_for_test()
    assert type(e.value).__name__ == "PanicException"
    # The interpreter is still here, and so is the module.
    assert presign.Presigner(AWS_AK, SECRET).get("my-bucket", "k").startswith("https://")


def test_repr_and_attributes_show_no_secret(p):
    text = repr(p) + str(p) + repr(dir(p))
    assert SECRET not in text and TOKEN not in text
    assert repr(p) == ('Presigner(access_key="AKIAIOSFODNN7EXAMPLE", '
                       'endpoint="https://gateway.storjshare.io", region="us-east-1", '
                       'signature="v4", addressing="path")')
    for name in ("secret_key", "session_token", "_secret"):
        assert not hasattr(p, name)


def test_presigner_is_immutable(p):
    for name, value in [("region", "eu-west-1"), ("endpoint", "eu1"), ("secret", "x"),
                        ("access_key", "AKIA")]:
        with pytest.raises(AttributeError):
            setattr(p, name, value)
    assert p.region == "us-east-1"


def test_one_presigner_shared_by_threads_gives_each_its_own_urls(p):
    keys = [f"t/{i}" for i in range(2000)]
    expected = [p.get("my-bucket", k, at=AT) for k in keys]
    results = {}

    def work(n):
        results[n] = [p.get("my-bucket", k, at=AT) for k in keys] + p.get_many("my-bucket", keys, at=AT)
    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[n] == expected * 2 for n in range(8))


def test_get_many_releases_the_gil(p):
    """While one thread is inside get_many, another runs Python code."""
    keys = [f"photos/{i}.jpg" for i in range(400_000)]
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0)
    old = sys.getswitchinterval()
    sys.setswitchinterval(1.0)  # without a release, the ticker would wait for get_many
    try:
        t = threading.Thread(target=ticker)
        t.start()
        while not ticks:
            time.sleep(0.001)
        start = time.perf_counter()
        urls = p.get_many("my-bucket", keys, at=AT)
        end = time.perf_counter()
        stop.set()
        t.join()
    finally:
        sys.setswitchinterval(old)
    inside = [x for x in ticks if start < x < end]
    assert len(urls) == len(keys) and urls[7] == p.get("my-bucket", keys[7], at=AT)
    assert len(inside) > 10, f"{len(inside)} ticks while get_many ran {end - start:.3f} s"


# Every text keyword of every method, and the base arguments each method needs.
KEYWORDS = {
    "get": (("my-bucket", "k"), ["version_id", "download_as", "response_content_type",
            "response_content_disposition", "response_cache_control", "response_content_encoding",
            "response_content_language", "response_expires", "range"]),
    "put": (("my-bucket", "k"), ["content_type", "content_md5", "checksum_crc32", "checksum_crc32c",
            "checksum_sha1", "checksum_sha256", "acl", "cache_control", "content_disposition",
            "content_encoding", "content_language", "storage_class", "tagging"]),
    "delete": (("my-bucket", "k"), ["version_id"]),
    "upload_part": (("my-bucket", "k", "U", 1), ["content_md5", "checksum_crc32", "checksum_crc32c",
                    "checksum_sha1", "checksum_sha256"]),
    "post": (("my-bucket", "k"), ["acl", "content_type", "content_type_prefix", "redirect"]),
}
KEYWORDS["head"] = KEYWORDS["get"]
KEYWORDS["create_multipart_upload"] = (("my-bucket", "k"), [
    k for k in KEYWORDS["put"][1] if not (k.startswith("checksum") or k == "content_md5")])
KEYWORDS["get_many"] = (("my-bucket", ["k"]), [k for k in KEYWORDS["get"][1] if k != "version_id"])


@pytest.mark.parametrize("method", sorted(KEYWORDS))
def test_every_keyword_names_itself_in_its_error(p, method):
    """A value no server can take (a line break, which would split a header or the
    query) is refused, and the message starts with the keyword, as the CLI's with its
    flag; a value of another type is a TypeError."""
    args, keywords = KEYWORDS[method]
    for keyword in keywords:
        with pytest.raises(presign.Error) as e:
            getattr(p, method)(*args, at=AT, **{keyword: "a\nb"})
        assert str(e.value).startswith(keyword + ": "), (keyword, str(e.value))
        with pytest.raises(TypeError):
            getattr(p, method)(*args, at=AT, **{keyword: 5})
    for mapping in (["metadata"] if method in ("put", "create_multipart_upload", "post") else []):
        with pytest.raises(presign.Error) as e:
            getattr(p, method)(*args, at=AT, **{mapping: {"owner": "a\nb"}})
        assert str(e.value).startswith(mapping + ": "), str(e.value)
    for common in ("expires", "at"):
        with pytest.raises(presign.Error) as e:
            getattr(p, method)(*args, **{"at": AT, common: "soon"})
        assert str(e.value).startswith(common + ": "), str(e.value)


# (method, args, the keyword and its value, the CLI's command line for the same mistake)
SAME_AS_CLI = [
    ("get", ("my-bucket", "k"), {"expires": "8d"}, ["get", "my-bucket/k", "--expires", "8d"]),
    ("get", ("my-bucket", "k"), {"expires": "1y"}, ["get", "my-bucket/k", "--expires", "1y"]),
    ("get", ("my-bucket", "k"), {"expires": "0"}, ["get", "my-bucket/k", "--expires", "0"]),
    ("get", ("my-bucket", "k"), {"at": "yesterday"}, ["get", "my-bucket/k", "--at", "yesterday"]),
    ("get", ("my-bucket", "k"), {"response_expires": "soon"},
     ["get", "my-bucket/k", "--response-expires", "soon"]),
    ("get", ("my-bucket", "k"), {"download_as": "a\tb"}, ["get", "my-bucket/k", "--download-as", "a\tb"]),
    ("get", ("my-bucket", "k"), {"range": "bytes=0-9\n"}, ["get", "my-bucket/k", "--range", "bytes=0-9\n"]),
    ("get", ("my-bucket", "k"), {"version_id": "a\nb"}, ["get", "my-bucket/k", "--version-id", "a\nb"]),
    ("get", ("my-bucket", "k"), {"response_content_type": "a\nb"},
     ["get", "my-bucket/k", "--response-content-type", "a\nb"]),
    ("put", ("my-bucket", "k"), {"acl": "public"}, ["put", "my-bucket/k", "--acl", "public"]),
    ("put", ("my-bucket", "k"), {"storage_class": "cold"}, ["put", "my-bucket/k", "--storage-class", "cold"]),
    ("put", ("my-bucket", "k"), {"tagging": "project"}, ["put", "my-bucket/k", "--tagging", "project"]),
    ("put", ("my-bucket", "k"), {"checksum_sha256": "abc"}, ["put", "my-bucket/k", "--checksum-sha256", "abc"]),
    ("put", ("my-bucket", "k"), {"checksum_crc32": "AAAA"}, ["put", "my-bucket/k", "--checksum-crc32", "AAAA"]),
    ("put", ("my-bucket", "k"), {"content_md5": "AAAAAA=="}, ["put", "my-bucket/k", "--content-md5", "AAAAAA=="]),
    ("put", ("my-bucket", "k"), {"content_type": "t\u00e9xt/plain"},
     ["put", "my-bucket/k", "--content-type", "t\u00e9xt/plain"]),
    ("put", ("my-bucket", "k"), {"cache_control": "a\nb"}, ["put", "my-bucket/k", "--cache-control", "a\nb"]),
    ("put", ("my-bucket", "k"), {"metadata": {"owner": "J\u00fcrgen"}},
     ["put", "my-bucket/k", "--meta", "owner=J\u00fcrgen"]),
    ("put", ("my-bucket", "k"), {"metadata": {"a b": "c"}}, ["put", "my-bucket/k", "--meta", "a b=c"]),
    ("upload_part", ("my-bucket", "k", "", 1), {}, ["multipart", "part", "my-bucket/k", "--upload-id=", "--parts", "1"]),
    ("post", ("my-bucket", "k"), {"fields": {"policy": "x"}}, ["post", "my-bucket/k", "--field", "policy=x"]),
    ("post", ("my-bucket", "k"), {"redirect": "ftp://example.com/done"},
     ["post", "my-bucket/k", "--redirect", "ftp://example.com/done"]),
    ("post", ("my-bucket", "k"), {"expires": "8d"}, ["post", "my-bucket/k", "--expires", "8d"]),
]


def flag_to_keyword(message):
    """The CLI's `--flag-name: ...` as the package writes it: `flag_name: ...`, and the
    flags the rest names as keywords (test_from_env.py pins that translation)."""
    m = re.match(r"--([a-z0-9-]+): ", message)
    if m:
        flag = {"meta": "metadata", "field": "fields", "parts": "part_number"}.get(m.group(1), m.group(1))
        message = flag.replace("-", "_") + ": " + message[m.end():]
    return presign._presign._keywords(message)


def cli_error(tmp_path, cli):
    """The CLI's one-line error (exit 2) for the command line `cli`, without its
    `presign: error: ` prefix, and all it wrote to stderr."""
    binary = cli_binary()
    env = {"HOME": str(tmp_path), "PATH": os.environ.get("PATH", ""),
           "PRESIGN_ACCESS_KEY": AWS_AK, "PRESIGN_SECRET_KEY": SECRET}
    run = subprocess.run([binary, *cli], capture_output=True, text=True, env=env)
    assert run.returncode == 2, run.stderr
    cli_message = run.stderr.strip().split("\n")[0]
    assert cli_message.startswith("presign: error: ")
    return cli_message[len("presign: error: "):], run.stderr


@pytest.mark.parametrize("method,args,kwargs,cli", SAME_AS_CLI, ids=[" ".join(c[3][2:4]) for c in SAME_AS_CLI])
def test_messages_are_the_clis(p, tmp_path, method, args, kwargs, cli):
    cli_message, _ = cli_error(tmp_path, cli)
    with pytest.raises(presign.Error) as e:
        getattr(p, method)(*args, at=kwargs.pop("at", AT), **kwargs)
    assert str(e.value) == flag_to_keyword(cli_message)


def test_inspect_is_the_clis_inspect_json(p, tmp_path):
    """presign.inspect gives the dict `presign inspect -o json` prints, for URLs of every
    signature, addressing style, token and operation."""
    binary = cli_binary()
    import json
    urls = []
    for signature in ("v4", "v2"):
        for addressing in ("path", "virtual"):
            q = presign.Presigner(AWS_AK, SECRET, TOKEN if addressing == "path" else None,
                                  signature=signature, addressing=addressing)
            urls += [q.get("my-bucket", "a b/\u00fc+%.txt", at=AT, download_as="Q3.pdf"),
                     q.put("my-bucket", "k", at=AT, content_type="text/csv", metadata={"a": "b"}),
                     q.upload_part("my-bucket", "k", "U/+=", 7, at=AT),
                     q.create_multipart_upload("my-bucket", "k", at=AT)]
    later = "2026-01-01T00:30:00Z"
    env = {"HOME": str(tmp_path), "PATH": os.environ.get("PATH", "")}
    for url in urls:
        run = subprocess.run([binary, "inspect", "-o", "json", "--at", later, url],
                             capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr
        ours = presign.inspect(url, at=later)
        assert ours == json.loads(run.stdout), url
        assert TOKEN not in repr(ours)


def test_inspect_shows_x_amz_parameters_in_any_case():
    """Every parameter but the signature's own shows, whatever its case (`X-Amz-Acl` as the
    Go SDKs hoist headers, SigV2's lowercase header copies); the session token never."""
    auth = ("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20260101%2Fus-east-1"
            "%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60"
            "&X-Amz-SignedHeaders=host&X-Amz-Signature=abc&X-Amz-Security-Token=" + TOKEN)
    url = ("https://h.example/b/k?X-Amz-Acl=public-read-write&X-Amz-Meta-Owner=x"
           "&X-Amz-Storage-Class=GLACIER&x-id=PutObject&" + auth)
    got = presign.inspect(url, at=AT)
    assert got["params"] == {"X-Amz-Acl": "public-read-write", "X-Amz-Meta-Owner": "x",
                             "X-Amz-Storage-Class": "GLACIER", "x-id": "PutObject"}
    assert got["session_token"] is True and TOKEN not in repr(got)
    v2 = ("https://h.example/b/k?AWSAccessKeyId=AK&Signature=x&Expires=1"
          "&x-amz-acl=public-read-write&x-amz-security-token=" + TOKEN)
    got = presign.inspect(v2, at=AT)
    assert got["params"] == {"x-amz-acl": "public-read-write"}
    assert got["signed_headers"] == ["x-amz-acl"] and TOKEN not in repr(got)


def test_verify_reports_what_a_server_would_say(p):
    url = p.get("my-bucket", "k", at=AT)
    ok = presign.verify(url, AWS_AK, SECRET, at="2026-01-01T00:10:00Z")
    assert ok and (ok.method, ok.timing, ok.seconds, ok.refusal) == ("GET", "valid", 3000, None)
    assert SECRET not in repr(ok) and TOKEN not in repr(ok) and "refusal=None" in repr(ok)
    ahead = presign.verify(url, AWS_AK, SECRET, at="2025-12-31T23:55:00Z")  # the signer's clock ran ahead
    assert ahead.valid and ahead.timing == "valid"
    late = presign.verify(url, AWS_AK, SECRET, at="2026-01-01T01:00:01Z")
    assert not late and (late.timing, late.seconds) == ("expired", 1)
    other = presign.verify(url, AWS_AK, SECRET + "x", at=AT)
    assert not other and other.method is None
    long = url.replace("X-Amz-Expires=3600", "X-Amz-Expires=604801")
    refused = presign.verify(long, AWS_AK, SECRET, at=AT)
    assert not refused and refused.refusal.startswith("X-Amz-Expires is 604801 s")
    put = p.put("my-bucket", "k", at=AT, content_type="text/csv")
    assert presign.verify(put, AWS_AK, SECRET, at=AT).missing_headers == ["content-type"]
    assert presign.verify(put, AWS_AK, SECRET, at=AT, headers={"Content-Type": "text/csv"}).method == "PUT"


def test_verify_asks_for_a_sigv2_urls_signed_headers():
    """A SigV2 URL's header copies in the query do not stand in for the headers: servers
    read the request's. Its metadata is read from the query by some servers (radosgw) and
    from the request by others (s3s), so that one depends on the server."""
    v2 = presign.Presigner(AWS_AK, SECRET, signature="v2", endpoint="http://localhost:9000")
    put = v2.put("my-bucket", "k", at=AT, content_type="text/csv", acl="private")
    bare = presign.verify(put, AWS_AK, SECRET, at=AT)
    assert not bare and bare.method is None
    assert sorted(bare.missing_headers) == ["content-type", "x-amz-acl"]
    assert bare.disputed_headers == [] and bare.method_from_query_copies is None
    given = presign.verify(put, AWS_AK, SECRET, at=AT,
                           headers={"Content-Type": "text/csv", "x-amz-acl": "private"})
    assert given and given.method == "PUT"
    other = presign.verify(put, AWS_AK, SECRET, at=AT,
                           headers={"Content-Type": "text/plain", "x-amz-acl": "private"})
    assert not other and other.method is None
    meta = v2.put("my-bucket", "k", at=AT, metadata={"owner": "ci"})
    bare = presign.verify(meta, AWS_AK, SECRET, at=AT)
    assert not bare and bare.missing_headers == ["x-amz-meta-owner"]
    assert bare.disputed_headers == ["x-amz-meta-owner"] and bare.method_from_query_copies == "PUT"
    given = presign.verify(meta, AWS_AK, SECRET, at=AT, headers={"x-amz-meta-owner": "ci"})
    assert not given and given.method == "PUT" and given.method_from_query_copies == "PUT"
    assert 'disputed_headers=["x-amz-meta-owner"]' in repr(given)


def _integer_keywords():
    """(method, keyword) for every keyword of Presigner's public methods that the stubs
    type as an int: the binding's integer keywords."""
    import ast
    stub = os.path.join(os.path.dirname(presign.__file__), "_presign.pyi")
    tree = ast.parse(open(stub).read())
    presigner = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Presigner")
    found = set()
    for f in presigner.body:
        if not isinstance(f, ast.FunctionDef) or f.name.startswith("_"):
            continue
        for a in f.args.args + f.args.kwonlyargs:
            if a.annotation is not None and ast.unparse(a.annotation) in ("int", "Optional[int]"):
                found.add((f.name, a.arg))
    return found


def test_an_integer_keyword_refuses_a_bool_as_content_length_does(p):
    """Python counts True as 1: part_number=True signed part 1 and max_keys=True a listing
    of 1, while content_length=True was a TypeError. One rule for every integer keyword."""
    calls = {
        ("put", "content_length"): (lambda v: p.put("my-bucket", "k", content_length=v), 5),
        ("upload_part", "content_length"):
            (lambda v: p.upload_part("my-bucket", "k", "U", 1, content_length=v), 5),
        ("upload_part", "part_number"): (lambda v: p.upload_part("my-bucket", "k", "U", v), 1),
        ("upload_part_copy", "part_number"):
            (lambda v: p.upload_part_copy("my-bucket", "k", "U", v, "src/k"), 1),
        ("list_objects", "max_keys"): (lambda v: p.list_objects("my-bucket", max_keys=v), 1),
        ("post", "min_size"): (lambda v: p.post("my-bucket", "k", min_size=v), 1),
        ("post", "max_size"): (lambda v: p.post("my-bucket", "k", max_size=v), 1),
        ("post", "success_status"): (lambda v: p.post("my-bucket", "k", success_status=v), 201),
    }
    # Every integer keyword the binding has is here.
    assert set(calls) == _integer_keywords()
    for (method, kw), (call, good) in calls.items():
        assert call(good), (method, kw)
        for wrong in (True, False, "1", 1.0):
            with pytest.raises(TypeError) as e:
                call(wrong)
            assert str(e.value) == f"{kw}: expected int, not {type(wrong).__name__}", (method, kw)
        # Outside the keyword's range: the keyword's own error, never a silent wrap.
        with pytest.raises((presign.Error, OverflowError)) as e:
            call(-1)
        assert str(e.value).startswith(f"{kw}: "), (method, kw, str(e.value))
