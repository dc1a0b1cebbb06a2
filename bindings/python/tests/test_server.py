"""URLs that work: the package's URLs and forms are accepted by s3s-fs 0.14.1 (the server
the Rust e2e tests start; tests/e2e/python.rs starts one in-process and passes its port), and
tampered ones are refused."""

import hashlib
import base64
import http.client
import os
import pathlib
import re
import uuid
from urllib.parse import urlsplit

import boto3
import presign
import presign.boto3
import pytest
from botocore.config import Config

PORT = os.environ.get("PRESIGN_TEST_S3_PORT")
if PORT is None:
    if os.environ.get("PRESIGN_TEST_HARNESS") or os.environ.get("CI"):
        raise RuntimeError("PRESIGN_TEST_S3_PORT is not set: run these tests through cargo test")
    pytest.skip("no s3s-fs server: run through `cargo test --test e2e python::`", allow_module_level=True)

AK = os.environ["PRESIGN_TEST_S3_ACCESS_KEY"]
SK = os.environ["PRESIGN_TEST_S3_SECRET_KEY"]
ENDPOINT = os.environ["PRESIGN_TEST_S3_ENDPOINT"]  # http://localhost:PORT
BUCKET_DIR = pathlib.Path(os.environ["PRESIGN_TEST_S3_BUCKET_DIR"])
BUCKET = "py-bucket"
HARD_KEYS = ["a b+c%25/d~e.txt", "\u00fcn\u00efc\u00f6d\u00e9/\u65e5\u672c.txt", "dir//double", "q?x=1#frag"]


def send(method, url, body=None, headers=None):
    """One request to 127.0.0.1, with the Host the URL names (virtual host included)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection("127.0.0.1", int(PORT), timeout=10)
    target = parts.path + ("?" + parts.query if parts.query else "")
    conn.request(method, target, body=body, headers={"Host": parts.netloc, **(headers or {})})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


def presigners():
    for signature in ["v4", "v2"]:
        for addressing in ["path", "virtual"]:
            yield presign.Presigner(AK, SK, endpoint=ENDPOINT, signature=signature,
                                    addressing=addressing)


def tampered(url):
    """The URL with its signature's first character changed (to another hex and base64
    digit: the signature still parses, and is wrong)."""
    return re.sub(r"(Signature=)(.)", lambda m: m.group(1) + ("1" if m.group(2) == "0" else "0"), url)


@pytest.mark.parametrize("p", list(presigners()), ids=lambda p: f"{p.signature}-{p.addressing}")
def test_put_get_head_delete(p):
    for key in HARD_KEYS:
        key = f"{uuid.uuid4().hex}/{key}"
        body = os.urandom(1000)
        assert send("PUT", tampered(p.put(BUCKET, key)), body)[0] == 403
        assert send("PUT", p.put(BUCKET, key), body)[0] == 200
        if "//" not in key:
            assert (BUCKET_DIR / key).read_bytes() == body  # what the server stored
        status, _, data = send("GET", p.get(BUCKET, key))
        assert (status, data) == (200, body)
        assert send("GET", tampered(p.get(BUCKET, key)))[0] == 403
        assert send("PUT", p.get(BUCKET, key), b"x")[0] == 403  # a GET URL used to PUT
        other = p.get(BUCKET, key).replace(urlsplit(p.get(BUCKET, key)).path.rsplit("/", 1)[-1], "other", 1)
        assert send("GET", other)[0] == 403
        status, headers, _ = send("HEAD", p.head(BUCKET, key))
        assert status == 200 and headers.get("content-length") == "1000"
        assert send("DELETE", p.delete(BUCKET, key))[0] == 204
        assert send("HEAD", p.head(BUCKET, key))[0] == 404


@pytest.mark.parametrize("p", list(presigners()), ids=lambda p: f"{p.signature}-{p.addressing}")
def test_signed_headers_are_enforced(p):
    key = f"{uuid.uuid4().hex}/report.csv"
    body = b"a,b\n1,2\n"
    md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
    url = p.put(BUCKET, key, content_type="text/csv", content_md5=md5, metadata={"owner": "ci"})
    sent = {"Content-Type": "text/csv", "Content-MD5": md5, "x-amz-meta-owner": "ci"}
    for left_out in sent:
        assert send("PUT", url, body, {k: v for k, v in sent.items() if k != left_out})[0] == 403
    assert send("PUT", url, b"another body", sent)[0] == 400  # BadDigest
    assert send("PUT", url, body, sent)[0] == 200
    status, headers, _ = send("HEAD", p.head(BUCKET, key))
    assert status == 200 and headers.get("x-amz-meta-owner") == "ci"
    status, headers, data = send("GET", p.get(BUCKET, key, download_as="Q3 M\u00e4rz.csv"))
    assert (status, data) == (200, body)
    assert "filename*=UTF-8''Q3%20M%C3%A4rz.csv" in headers.get("content-disposition", "")


def test_get_many_urls_work():
    p = presign.Presigner(AK, SK, endpoint=ENDPOINT)
    keys = [f"{uuid.uuid4().hex}/{k}" for k in HARD_KEYS]
    for k in keys:
        assert send("PUT", p.put(BUCKET, k), k.encode())[0] == 200
    for k, url in zip(keys, p.get_many(BUCKET, keys)):
        assert send("GET", url) == (200, send("GET", url)[1], k.encode())
        assert send("GET", tampered(url))[0] == 403


@pytest.mark.parametrize("signature", ["v4", "v2"])
def test_multipart_upload(signature):
    p = presign.Presigner(AK, SK, endpoint=ENDPOINT, signature=signature)
    key = f"{uuid.uuid4().hex}/big.bin"
    status, _, data = send("POST", p.create_multipart_upload(BUCKET, key))
    assert status == 200
    upload_id = re.search(rb"<UploadId>(.*?)</UploadId>", data).group(1).decode()
    parts = [os.urandom(5 * 1024 * 1024), os.urandom(1000)]
    etags = []
    for n, part in enumerate(parts, 1):
        assert send("PUT", tampered(p.upload_part(BUCKET, key, upload_id, n)), b"x")[0] == 403
        status, headers, _ = send("PUT", p.upload_part(BUCKET, key, upload_id, n), part)
        assert status == 200
        etags.append(headers["etag"])
    xml = "<CompleteMultipartUpload>" + "".join(
        f"<Part><PartNumber>{n}</PartNumber><ETag>{e}</ETag></Part>" for n, e in enumerate(etags, 1)
    ) + "</CompleteMultipartUpload>"
    assert send("POST", p.complete_multipart_upload(BUCKET, key, upload_id), xml.encode())[0] == 200
    status, _, data = send("GET", p.get(BUCKET, key))
    assert (status, data) == (200, b"".join(parts))
    key2 = key + ".aborted"
    status, _, data = send("POST", p.create_multipart_upload(BUCKET, key2))
    upload_id = re.search(rb"<UploadId>(.*?)</UploadId>", data).group(1).decode()
    assert send("DELETE", p.abort_multipart_upload(BUCKET, key2, upload_id))[0] == 204


def post_form(form, filename, content):
    boundary = uuid.uuid4().hex
    chunks = []
    for name, value in form["fields"].items():
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                  "Content-Type: text/plain\r\n\r\n")
    body = "".join(chunks).encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return send("POST", form["url"], body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})


@pytest.mark.parametrize("signature", ["v4", "v2"])
def test_post_form(signature):
    p = presign.Presigner(AK, SK, endpoint=ENDPOINT, signature=signature)
    key = f"{uuid.uuid4().hex}/form.txt"
    form = p.post(BUCKET, key, max_size=100, content_type="text/plain")
    assert post_form(form, "form.txt", b"hello")[0] == 204
    assert send("GET", p.get(BUCKET, key))[2] == b"hello"
    # Refused (s3s answers 400 for a policy condition that fails, 403 for a signature).
    assert post_form(form, "form.txt", b"x" * 101)[0] in (400, 403)  # above max_size
    bad = {"url": form["url"], "fields": {**form["fields"], "key": key + ".other"}}
    assert post_form(bad, "form.txt", b"hello")[0] in (400, 403)
    forged = {"url": form["url"], "fields": dict(form["fields"])}
    name = "x-amz-signature" if signature == "v4" else "signature"
    forged["fields"][name] = tampered("Signature=" + forged["fields"][name])[len("Signature="):]
    assert post_form(forged, "form.txt", b"hello")[0] == 403
    assert send("GET", p.get(BUCKET, key + ".other"))[0] == 404


def test_dropin_urls_work():
    c = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id=AK,
                     aws_secret_access_key=SK,
                     config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
    key = f"{uuid.uuid4().hex}/dropin.txt"
    put = presign.boto3.generate_presigned_url(c, "put_object", Params={"Bucket": BUCKET, "Key": key})
    assert send("PUT", put, b"drop")[0] == 200
    get = presign.boto3.generate_presigned_url(c, "get_object", Params={"Bucket": BUCKET, "Key": key})
    assert send("GET", get)[2] == b"drop"
    assert send("GET", tampered(get))[0] == 403
