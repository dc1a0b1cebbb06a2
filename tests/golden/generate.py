#!/usr/bin/env python3
"""Regenerates tests/golden/botocore.jsonl: presigned URLs as botocore makes them.

Each line is one case: the inputs presign takes, and the URL that botocore's
`generate_presigned_url` returns for them. The clock is frozen at the case's time, so
the output is reproducible. `.ci/run` re-runs this with the pinned botocore and fails
if the committed file differs.

A case names the S3 operation, its query parameters (`params`, in URL order) and the
headers the URL signs (`headers`, in the order presign adds them). botocore puts both
in the URL in the order of the `Params` dict it is given, so they are passed to it in
exactly that order: presign's documented order, which is

  params:  partNumber, uploadId, versionId, response-content-type,
           response-content-disposition, response-cache-control,
           response-content-encoding, response-content-language, response-expires
  headers: content-type, content-md5, x-amz-checksum-crc32, x-amz-checksum-crc32c,
           x-amz-checksum-sha1, x-amz-checksum-sha256, x-amz-meta-* (as given),
           x-amz-acl, cache-control, content-disposition, content-encoding,
           content-language, x-amz-storage-class, x-amz-tagging, range

SigV2 signs only Content-MD5, Content-Type and x-amz-* headers: botocore drops the others
from a SigV2 URL without a word. Those cases are kept (presign must refuse them, and
botocore's URL must equal presign's without the dropped headers).

Usage: python3 tests/golden/generate.py > tests/golden/botocore.jsonl
Needs: botocore==1.44.8 (see .ci/run).
"""

import datetime
import itertools
import json
import sys
from unittest import mock

import botocore
import botocore.auth
import botocore.session
from botocore.config import Config

BOTOCORE_VERSION = "1.44.8"

KEYS = [
    "photo.jpg",
    "reports/2026 q3.pdf",
    "a+b=c&d",
    "100%",
    "100%25 already encoded",
    "tilde~and-dash_dot.",
    "what?is#this",
    "\u00fcn\u00efc\u00f6d\u00e9/\u65e5\u672c\u8a9e.txt",
    "emoji \U0001f600\U0001f680",
    "a//b",
    "/leading-slash",
    "//two-leading",
    "./dot-segment",
    "../parent-segment",
    "a/./b/../c",
    "tab\there",
    "trailing space ",
    "'quote' (paren)",
    "*star*!$,;:@",
    "[brackets]{braces}|\\^`\"<>",
    "dir/",
    "new\nline and\rreturn",
    "x" * 1024,
    "\u00e9" * 512,
]

# (presign's --endpoint value, the URL botocore gets, whether virtual-host works there)
ENDPOINTS = [
    ("global", "https://gateway.storjshare.io", True),
    ("us1", "https://gateway.us1.storjshare.io", True),
    ("eu1", "https://gateway.eu1.storjshare.io", True),
    ("ap1", "https://gateway.ap1.storjshare.io", True),
    ("http://localhost:9000", "http://localhost:9000", True),
    ("https://s3.eu-west-1.amazonaws.com", "https://s3.eu-west-1.amazonaws.com", True),
    ("https://minio.example.com:9443", "https://minio.example.com:9443", True),
    ("http://127.0.0.1:7777", "http://127.0.0.1:7777", False),
    ("http://ceph.internal", "http://ceph.internal", True),
    # botocore keeps the endpoint as written in the URL and signs the normalised host.
    ("https://h.example:443", "https://h.example:443", True),
    ("https://S3.Example.COM", "https://S3.Example.COM", True),
]

REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "auto", "us-1"]
BUCKETS = ["my-bucket", "examplebucket", "123", "a-b-c", "logs.2026", "Legacy_Bucket.2009"]
TIMES = [
    "2026-01-01T00:00:00Z",
    "2013-05-24T00:00:00Z",
    "2026-11-29T23:59:59Z",
    "2000-02-29T12:34:56Z",
    "2099-12-31T23:59:59Z",
]
EXPIRES_V4 = [3600, 1, 60, 86400, 604800]
EXPIRES_V2 = [3600, 1, 604801, 2592000, 31536000]
CREDENTIALS = [
    ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("jwsutdemteo7a3odjeweckixmkra", "j3ts/4a+tz=kdbwz5q6z6x7k4ryckk6ax2c3sz64rcbngd2vwrmc"),
]
TOKENS = [None, "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJGMEQCIA+/=", None]
CONTENT_TYPES = [
    "text/plain",
    None,
    "application/json; charset=utf-8",
    "image/svg+xml",
    "multipart/form-data;  boundary=a b",
]


_CLIENTS = {}
# One session: it loads botocore's data files once for every client.
_SESSION = botocore.session.get_session()


def host_label_ok(bucket, endpoint_url):
    """Whether presign (and botocore) put the bucket in the host name: a DNS name, and no
    '.' under https (the certificate would not match). Legacy names sign path style."""
    dns = bucket == bucket.lower() and "_" not in bucket and 3 <= len(bucket) <= 63
    return dns and not ("." in bucket and endpoint_url.startswith("https"))


def client_for(case):
    # Creating a client costs ~100 ms; many cases share one.
    fields = ("endpoint", "region", "access_key", "secret_key", "session_token", "signature", "addressing")
    cache_key = tuple(case[f] for f in fields)
    if cache_key not in _CLIENTS:
        _CLIENTS[cache_key] = new_client(case)
    return _CLIENTS[cache_key]


def new_client(case):
    endpoint_url = dict((e[0], e[1]) for e in ENDPOINTS)[case["endpoint"]]
    return _SESSION.create_client(
        "s3",
        region_name=case["region"],
        endpoint_url=endpoint_url,
        aws_access_key_id=case["access_key"],
        aws_secret_access_key=case["secret_key"],
        aws_session_token=case["session_token"],
        config=Config(
            signature_version="s3v4" if case["signature"] == "v4" else "s3",
            s3={"addressing_style": case["addressing"]},
        ),
    )


# presign's query parameter and header names -> botocore's Params names.
PARAM_NAMES = {
    "partNumber": "PartNumber",
    "uploadId": "UploadId",
    "versionId": "VersionId",
    "response-content-type": "ResponseContentType",
    "response-content-disposition": "ResponseContentDisposition",
    "response-cache-control": "ResponseCacheControl",
    "response-content-encoding": "ResponseContentEncoding",
    "response-content-language": "ResponseContentLanguage",
    "response-expires": "ResponseExpires",
}
HEADER_NAMES = {
    "content-type": "ContentType",
    "content-md5": "ContentMD5",
    "x-amz-checksum-crc32": "ChecksumCRC32",
    "x-amz-checksum-crc32c": "ChecksumCRC32C",
    "x-amz-checksum-sha1": "ChecksumSHA1",
    "x-amz-checksum-sha256": "ChecksumSHA256",
    "x-amz-acl": "ACL",
    "cache-control": "CacheControl",
    "content-disposition": "ContentDisposition",
    "content-encoding": "ContentEncoding",
    "content-language": "ContentLanguage",
    "x-amz-storage-class": "StorageClass",
    "x-amz-tagging": "Tagging",
    "range": "Range",
}


def botocore_params(case):
    """The Params dict, in the case's order (dicts keep insertion order)."""
    params = {"Bucket": case["bucket"], "Key": case["key"]}
    for name, value in case["params"]:
        params[PARAM_NAMES[name]] = int(value) if name == "partNumber" else value
    for name, value in case["headers"]:
        if name.lower().startswith("x-amz-meta-"):
            # The metadata map sits where its first key is; the key keeps its case.
            params.setdefault("Metadata", {})[name[len("x-amz-meta-"):]] = value
        else:
            params[HEADER_NAMES[name]] = value
    return params


def botocore_url(case):
    client = client_for(case)
    now = datetime.datetime.fromisoformat(case["time"].replace("Z", "+00:00"))
    # SigV4 asks get_current_datetime(); SigV2 computes Expires from time.time().
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=now), \
            mock.patch.object(botocore.auth.time, "time", return_value=now.timestamp()):
        return client.generate_presigned_url(
            case["operation"], Params=botocore_params(case), ExpiresIn=case["expires"]
        )


def get_or_put(method, content_type):
    """The first cases' shape: a plain GetObject, or a PutObject with a content type."""
    if method == "get":
        return {"operation": "get_object", "params": [], "headers": []}
    headers = [["content-type", content_type]] if content_type is not None else []
    return {"operation": "put_object", "params": [], "headers": headers}


UPLOAD_IDS = [
    "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA",
    "2~iCw_lDY8VoNJsVbaQXa62Dgq4BRUb1M",
    "a b/c+d=e%f",
    "MTIzNDU2Nzg5MGFiY2RlZg.ZXhhbXBsZQ-_~",
]
VERSION_IDS = ["3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo", "null", "v1"]
DISPOSITIONS = [
    # What --download-as makes of "Q3 report.pdf", 'say "hi".txt' and a Unicode name.
    'attachment; filename="Q3 report.pdf"',
    'attachment; filename="say \\"hi\\".txt"',
    "attachment; filename=\"Bericht Q3 _ M_rz.pdf\"; filename*=UTF-8''Bericht%20Q3%20%E2%80%93%20M%C3%A4rz.pdf",
    "inline",
]
EMPTY = {
    "content-md5": "1B2M2Y8AsgTpgAmY7PhCfg==",
    "x-amz-checksum-crc32": "AAAAAA==",
    "x-amz-checksum-crc32c": "AAAAAA==",
    "x-amz-checksum-sha1": "2jmj7l5rSw0yVb/vlWAYkK/YBwk=",
    "x-amz-checksum-sha256": "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
}
HEADER_ORDER = [
    "content-type", "content-md5", "x-amz-checksum-crc32", "x-amz-checksum-crc32c",
    "x-amz-checksum-sha1", "x-amz-checksum-sha256", "x-amz-meta-", "x-amz-acl",
    "cache-control", "content-disposition", "content-encoding", "content-language",
    "x-amz-storage-class", "x-amz-tagging", "range",
]


def ordered(headers):
    """Headers in presign's documented order (metadata keeps its own order)."""
    def rank(h):
        name = h[0].lower()
        return HEADER_ORDER.index("x-amz-meta-" if name.startswith("x-amz-meta-") else name)
    return sorted(headers, key=rank)


def download_options(i):
    """Query parameters for get_object / head_object, and an optional Range header."""
    params, headers = [], []
    if i % 5 == 1:
        params.append(["versionId", VERSION_IDS[i % len(VERSION_IDS)]])
    choice = i % 9
    if choice == 1:
        params.append(["response-content-type", "application/pdf"])
    if choice in (2, 8):
        params.append(["response-content-disposition", DISPOSITIONS[i % len(DISPOSITIONS)]])
    if choice == 3:
        params.append(["response-cache-control", "no-cache, max-age=0"])
    if choice == 4:
        params.append(["response-content-encoding", "gzip"])
    if choice == 5:
        params.append(["response-content-language", "de-DE"])
    if choice == 6:
        params.append(["response-expires", "Thu, 01 Jan 2026 00:00:00 GMT"])
    if choice == 7:
        params += [
            ["response-content-type", "text/csv; charset=utf-8"],
            ["response-content-disposition", DISPOSITIONS[i % len(DISPOSITIONS)]],
            ["response-cache-control", "private"],
            ["response-content-encoding", "identity"],
            ["response-content-language", "en"],
            ["response-expires", "Wed, 21 Oct 2015 07:28:00 GMT"],
        ]
    if i % 11 == 10:
        headers.append(["range", "bytes=0-99"])
    return params, headers


def object_headers(i, integrity):
    """Headers for put_object / create_multipart_upload (integrity: put_object only)."""
    pool = [
        [["content-type", "image/png"]],
        [["content-md5", EMPTY["content-md5"]]] if integrity else [],
        [["x-amz-checksum-sha256", EMPTY["x-amz-checksum-sha256"]]] if integrity else [],
        [["x-amz-checksum-crc32", EMPTY["x-amz-checksum-crc32"]]] if integrity else [],
        [["x-amz-checksum-crc32c", EMPTY["x-amz-checksum-crc32c"]]] if integrity else [],
        [["x-amz-checksum-sha1", EMPTY["x-amz-checksum-sha1"]]] if integrity else [],
        [["x-amz-meta-owner", "ci"]],
        [["x-amz-meta-owner", "ci"], ["x-amz-meta-Build", "812"], ["x-amz-meta-note", "  two   spaces  "],
         ["x-amz-meta-empty", ""]],
        [["x-amz-acl", "public-read"]],
        [["cache-control", "max-age=3600"]],
        [["content-disposition", 'attachment; filename="a b.txt"']],
        [["content-encoding", "gzip"]],
        [["content-language", "fr"]],
        [["x-amz-storage-class", "STANDARD_IA"]],
        [["x-amz-tagging", "project=q3&team=data%20eng"]],
        [],
    ]
    headers = list(pool[i % len(pool)])
    if i % 4 == 3:
        # A second, third header from further down the list.
        headers += pool[(i * 5 + 3) % len(pool)] + pool[(i * 7 + 1) % len(pool)]
    if i % 17 == 16:
        headers = [h for p in pool for h in p]
    seen, unique = set(), []
    for h in headers:
        if h[0].lower() not in seen:
            seen.add(h[0].lower())
            unique.append(h)
    return ordered(unique)


def part_headers(i):
    choice = i % 7
    if choice < 5:
        name = ["content-md5", "x-amz-checksum-sha256", "x-amz-checksum-crc32",
                "x-amz-checksum-crc32c", "x-amz-checksum-sha1"][choice]
        return [[name, EMPTY[name]]] if i % 2 else []
    if choice == 5:
        return [["content-md5", EMPTY["content-md5"]], ["x-amz-checksum-sha256", EMPTY["x-amz-checksum-sha256"]]]
    return []


def operation_case(operation, i):
    """The operation's params and headers for the i-th case of it."""
    upload_id = UPLOAD_IDS[i % len(UPLOAD_IDS)]
    if operation in ("get_object", "head_object"):
        params, headers = download_options(i)
    elif operation == "delete_object":
        params = [["versionId", VERSION_IDS[i % len(VERSION_IDS)]]] if i % 2 else []
        headers = []
    elif operation == "put_object":
        params, headers = [], object_headers(i, integrity=True)
    elif operation == "create_multipart_upload":
        params, headers = [], object_headers(i, integrity=False)
    elif operation == "upload_part":
        part = [1, 2, 7, 10000, 999][i % 5]
        params, headers = [["partNumber", str(part)], ["uploadId", upload_id]], part_headers(i)
    else:  # complete_multipart_upload, abort_multipart_upload
        params, headers = [["uploadId", upload_id]], []
    return {"operation": operation, "params": params, "headers": headers}


# How many cases each operation gets, per signature version and addressing style.
OPERATIONS = {
    "get_object": 50,
    "head_object": 30,
    "put_object": 100,
    "delete_object": 16,
    "create_multipart_upload": 30,
    "upload_part": 40,
    "complete_multipart_upload": 16,
    "abort_multipart_upload": 16,
}


def cases(n):
    # The full matrix over keys, and the other inputs cycled through it.
    for sig, method, style in itertools.product(["v4", "v2"], ["get", "put"], ["path", "virtual"]):
        for key in KEYS:
            i = next(n)
            endpoint = [e for e in ENDPOINTS if e[2] or style == "path"][i % (len(ENDPOINTS) - (style == "virtual"))]
            bucket = BUCKETS[i % len(BUCKETS)]
            # A dotted bucket cannot be a host label under https.
            if style == "virtual" and not host_label_ok(bucket, endpoint[1]):
                bucket = "my-bucket"
            yield {
                "signature": sig,
                "addressing": style,
                "endpoint": endpoint[0],
                "region": REGIONS[i % len(REGIONS)],
                "bucket": bucket,
                "key": key,
                **get_or_put(method, CONTENT_TYPES[i % len(CONTENT_TYPES)]),
                "access_key": CREDENTIALS[i % 2][0],
                "secret_key": CREDENTIALS[i % 2][1],
                "session_token": TOKENS[i % len(TOKENS)],
                "expires": (EXPIRES_V4 if sig == "v4" else EXPIRES_V2)[i % 5],
                "time": TIMES[i % len(TIMES)],
            }
    # Every endpoint, region and option against one plain and one hard key.
    for sig, (endpoint, _, virtual_ok), region in itertools.product(["v4", "v2"], ENDPOINTS, REGIONS):
        for key in ["k", "dir/sub dir/\u00e9+%.txt"]:
            i = next(n)
            style = "virtual" if virtual_ok and i % 2 else "path"
            method = "put" if i % 3 else "get"
            yield {
                "signature": sig,
                "addressing": style,
                "endpoint": endpoint,
                "region": region,
                "bucket": "my-bucket",
                "key": key,
                **get_or_put(method, "text/plain" if i % 2 else None),
                "access_key": CREDENTIALS[0][0],
                "secret_key": CREDENTIALS[0][1],
                "session_token": TOKENS[1] if i % 4 == 0 else None,
                "expires": 3600 if i % 2 else 900,
                "time": TIMES[i % len(TIMES)],
            }


def operation_cases(n):
    """Every operation with its options, over both signatures, both styles, the hard keys."""
    for sig, style in itertools.product(["v4", "v2"], ["path", "virtual"]):
        for operation, count in OPERATIONS.items():
            for j in range(count):
                i = next(n)
                endpoint = [e for e in ENDPOINTS if e[2] or style == "path"][i % (len(ENDPOINTS) - (style == "virtual"))]
                bucket = BUCKETS[i % len(BUCKETS)]
                if style == "virtual" and not host_label_ok(bucket, endpoint[1]):
                    bucket = "my-bucket"
                creds = CREDENTIALS[i % 2]
                yield {
                    "signature": sig,
                    "addressing": style,
                    "endpoint": endpoint[0],
                    "region": REGIONS[i % len(REGIONS)],
                    "bucket": bucket,
                    "key": KEYS[(j * 7 + i) % len(KEYS)],
                    **operation_case(operation, j),
                    "access_key": creds[0],
                    "secret_key": creds[1],
                    "session_token": TOKENS[i % len(TOKENS)],
                    "expires": (EXPIRES_V4 if sig == "v4" else EXPIRES_V2)[i % 5],
                    "time": TIMES[i % len(TIMES)],
                }


def main():
    if botocore.__version__ != BOTOCORE_VERSION:
        sys.exit(f"botocore {BOTOCORE_VERSION} is required, found {botocore.__version__}")
    n = itertools.count()
    all_cases = itertools.chain(cases(n), operation_cases(n))
    for number, case in enumerate(all_cases, 1):
        op = case["operation"].replace("_object", "").replace("_multipart_upload", "-multipart").replace("_", "-")
        case = {"name": f"case-{number:04}-{case['signature']}-{op}-{case['addressing']}", **case}
        case["url"] = botocore_url(case)
        sys.stdout.write(json.dumps(case, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
