#!/usr/bin/env python3
"""Regenerates tests/golden/botocore.jsonl: presigned URLs as botocore makes them.

Each line is one case: the inputs presign takes, and the URL that botocore's
`generate_presigned_url` returns for them. The clock is frozen at the case's time, so
the output is reproducible. `.ci/run` re-runs this with the pinned botocore and fails
if the committed file differs.

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
]

REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "auto", "us-1"]
BUCKETS = ["my-bucket", "examplebucket", "123", "a-b-c", "logs.2026"]
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


def client_for(case):
    # Creating a client costs ~100 ms; many cases share one.
    fields = ("endpoint", "region", "access_key", "secret_key", "session_token", "signature", "addressing")
    cache_key = tuple(case[f] for f in fields)
    if cache_key not in _CLIENTS:
        _CLIENTS[cache_key] = new_client(case)
    return _CLIENTS[cache_key]


def new_client(case):
    endpoint_url = dict((e[0], e[1]) for e in ENDPOINTS)[case["endpoint"]]
    session = botocore.session.get_session()
    return session.create_client(
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


def botocore_url(case):
    client = client_for(case)
    operation = {"get": "get_object", "put": "put_object"}[case["method"]]
    params = {"Bucket": case["bucket"], "Key": case["key"]}
    if case["content_type"] is not None:
        params["ContentType"] = case["content_type"]
    now = datetime.datetime.fromisoformat(case["time"].replace("Z", "+00:00"))
    # SigV4 asks get_current_datetime(); SigV2 computes Expires from time.time().
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=now), \
            mock.patch.object(botocore.auth.time, "time", return_value=now.timestamp()):
        return client.generate_presigned_url(
            operation, Params=params, ExpiresIn=case["expires"]
        )


def cases():
    n = itertools.count()
    # The full matrix over keys, and the other inputs cycled through it.
    for sig, method, style in itertools.product(["v4", "v2"], ["get", "put"], ["path", "virtual"]):
        for key in KEYS:
            i = next(n)
            endpoint = [e for e in ENDPOINTS if e[2] or style == "path"][i % (len(ENDPOINTS) - (style == "virtual"))]
            bucket = BUCKETS[i % len(BUCKETS)]
            # A dotted bucket cannot be a host label under https.
            if style == "virtual" and "." in bucket and endpoint[1].startswith("https"):
                bucket = "my-bucket"
            yield {
                "signature": sig,
                "method": method,
                "addressing": style,
                "endpoint": endpoint[0],
                "region": REGIONS[i % len(REGIONS)],
                "bucket": bucket,
                "key": key,
                "content_type": CONTENT_TYPES[i % len(CONTENT_TYPES)] if method == "put" else None,
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
                "method": method,
                "addressing": style,
                "endpoint": endpoint,
                "region": region,
                "bucket": "my-bucket",
                "key": key,
                "content_type": "text/plain" if method == "put" and i % 2 else None,
                "access_key": CREDENTIALS[0][0],
                "secret_key": CREDENTIALS[0][1],
                "session_token": TOKENS[1] if i % 4 == 0 else None,
                "expires": 3600 if i % 2 else 900,
                "time": TIMES[i % len(TIMES)],
            }


def main():
    if botocore.__version__ != BOTOCORE_VERSION:
        sys.exit(f"botocore {BOTOCORE_VERSION} is required, found {botocore.__version__}")
    for number, case in enumerate(cases(), 1):
        case = {"name": f"case-{number:03}-{case['signature']}-{case['method']}-{case['addressing']}", **case}
        case["url"] = botocore_url(case)
        sys.stdout.write(json.dumps(case, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
