#!/usr/bin/env python3
"""Regenerates tests/golden/botocore_post.jsonl: POST policy forms as botocore makes them.

Each line is one case: the inputs presign takes (connection settings, bucket, key, and
the policy settings of `presign post`), and what botocore's `generate_presigned_post`
returns for them: the url, every field in order, and the decoded policy text. The clock
is frozen at the case's time, so the output is reproducible. `.ci/run` re-runs this with
the pinned botocore and fails if the committed file differs.

botocore does not add a condition for a field it is given: presign does, and it passes
both to botocore in its documented order (src/post/policy.rs, `PostPolicy`):

  fields:     acl, Content-Type (exact only), x-amz-meta-* (as given),
              success_action_status, success_action_redirect, other fields (as given)
  conditions: {"acl"}, {"Content-Type"} or ["starts-with", "$Content-Type", P],
              ["content-length-range", MIN, MAX], {"x-amz-meta-*"} (as given),
              {"success_action_status"}, {"success_action_redirect"}, other fields

botocore then adds the bucket and key conditions, the key field and the auth fields.

Usage: python3 tests/golden/generate_post.py > tests/golden/botocore_post.jsonl
Needs: botocore==1.44.8 (see .ci/run).
"""

import base64
import datetime
import json
import sys
from unittest import mock

import botocore
import botocore.auth
import botocore.session
import botocore.signers
from botocore.config import Config

BOTOCORE_VERSION = "1.44.8"

KEYS = [
    "key.txt",
    "uploads/${filename}",
    "${filename}",
    "inbox/report.csv",
    "reports/2026 q3.pdf",
    "\u00fcn\u00efc\u00f6d\u00e9/\u65e5\u672c\u8a9e/${filename}",
    "emoji \U0001f600\U0001f680.png",
    "quote\"back\\slash",
    "new\nline\rreturn\ttab\bback\fform",
    "ctrl\x01\x1f del\x7f",
    "<script>alert(1)</script>",
    "a+b=c&d %20 100%",
    "${filename}/not-a-template",
    "a//b/./../c",
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

ACLS = [None, "public-read", None, "private", "bucket-owner-full-control"]
CONTENT_TYPES = [
    None,
    {"exact": "text/plain"},
    {"prefix": "image/"},
    {"prefix": ""},
    {"exact": "application/json; charset=utf-8"},
    None,
    {"prefix": "video/"},
]
SIZES = [None, [0, 20971520], [1, 5000000], [1024, 1024], [0, 0], [10, 5368709120], None]
METAS = [
    [],
    [["owner", "ci"]],
    [],
    [["a", "1"], ["B-Key", "two words"], ["c.d_e", "\"quoted\" 'single'"]],
    [],
]
STATUSES = [None, "201", None, "200", "204", None]
REDIRECTS = [
    None,
    None,
    "https://example.com/done?x=1&y=\u00fc".encode("ascii", "ignore").decode(),
    None,
    "http://localhost:8080/uploaded",
    None,
    "https://example.com/p\u00e4th",
]
FIELDS = [
    [],
    [["Cache-Control", "max-age=60"]],
    [],
    [["x-amz-storage-class", "STANDARD_IA"], ["Content-Disposition", "attachment; filename=\"a b.pdf\""]],
    [],
    [["tagging", "<Tagging><TagSet><Tag><Key>k</Key><Value>\u00fc\U0001f600</Value></Tag></TagSet></Tagging>"]],
    [["x-ignore-note", "line1\nline2\t\u007f\u0000 \\ \""]],
]

_CLIENTS = {}
_SESSION = botocore.session.get_session()


def host_label_ok(bucket, endpoint_url):
    dns = bucket == bucket.lower() and "_" not in bucket and 3 <= len(bucket) <= 63
    return dns and not ("." in bucket and endpoint_url.startswith("https"))


def client_for(case):
    fields = ("endpoint", "region", "access_key", "secret_key", "session_token", "signature", "addressing")
    cache_key = tuple(case[f] for f in fields)
    if cache_key not in _CLIENTS:
        endpoint_url = dict((e[0], e[1]) for e in ENDPOINTS)[case["endpoint"]]
        _CLIENTS[cache_key] = _SESSION.create_client(
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
    return _CLIENTS[cache_key]


def fields_and_conditions(case):
    """presign's documented order (see the module docstring)."""
    fields, conditions = {}, []
    if case["acl"] is not None:
        fields["acl"] = case["acl"]
        conditions.append({"acl": case["acl"]})
    ct = case["content_type"]
    if ct is not None and "exact" in ct:
        fields["Content-Type"] = ct["exact"]
        conditions.append({"Content-Type": ct["exact"]})
    elif ct is not None:
        conditions.append(["starts-with", "$Content-Type", ct["prefix"]])
    if case["size"] is not None:
        conditions.append(["content-length-range", case["size"][0], case["size"][1]])
    for k, v in case["meta"]:
        name = "x-amz-meta-" + k.lower()
        fields[name] = v
        conditions.append({name: v})
    if case["success_status"] is not None:
        fields["success_action_status"] = case["success_status"]
        conditions.append({"success_action_status": case["success_status"]})
    if case["redirect"] is not None:
        fields["success_action_redirect"] = case["redirect"]
        conditions.append({"success_action_redirect": case["redirect"]})
    for n, v in case["fields"]:
        fields[n] = v
        conditions.append({n: v})
    return fields, conditions


def botocore_post(case):
    fields, conditions = fields_and_conditions(case)
    now = datetime.datetime.fromisoformat(case["time"].replace("Z", "+00:00")).replace(tzinfo=None)
    # The policy's expiration (signers) and the SigV4 date (auth) both ask the clock.
    with mock.patch.object(botocore.signers, "get_current_datetime", return_value=now), \
            mock.patch.object(botocore.auth, "get_current_datetime", return_value=now):
        r = client_for(case).generate_presigned_post(
            Bucket=case["bucket"],
            Key=case["key"],
            Fields=fields,
            Conditions=conditions,
            ExpiresIn=case["expires"],
        )
    case["url"] = r["url"]
    case["fields_out"] = [[k, v] for k, v in r["fields"].items()]
    case["policy"] = base64.b64decode(r["fields"]["policy"]).decode("ascii")
    return case


def cases(n):
    out = []
    # Every input combination is signed both ways, so SigV2 sees every key and endpoint.
    for i, signature in ((i, s) for i in range(n // 2) for s in ("v4", "v2")):
        endpoint, endpoint_url, vh_ok = ENDPOINTS[i % len(ENDPOINTS)]
        bucket = BUCKETS[i % len(BUCKETS)]
        addressing = "virtual" if (i // 3) % 3 == 1 and vh_ok and host_label_ok(bucket, endpoint_url) else "path"
        access_key, secret_key = CREDENTIALS[(i // 2) % len(CREDENTIALS)]
        expires_list = EXPIRES_V4 if signature == "v4" else EXPIRES_V2
        case = {
            "name": f"post-{i + 1:03d}-{signature}-{addressing}",
            "signature": signature,
            "addressing": addressing,
            "endpoint": endpoint,
            "region": REGIONS[i % len(REGIONS)],
            "bucket": bucket,
            "key": KEYS[i % len(KEYS)],
            "access_key": access_key,
            "secret_key": secret_key,
            "session_token": TOKENS[i % len(TOKENS)],
            "expires": expires_list[(i // 4) % len(expires_list)],
            "time": TIMES[(i // 5) % len(TIMES)],
            "acl": ACLS[i % len(ACLS)],
            "content_type": CONTENT_TYPES[i % len(CONTENT_TYPES)],
            "size": SIZES[(i // 2) % len(SIZES)],
            "meta": METAS[(i // 3) % len(METAS)],
            "success_status": STATUSES[i % len(STATUSES)],
            "redirect": REDIRECTS[(i // 2) % len(REDIRECTS)],
            "fields": FIELDS[(i // 5) % len(FIELDS)],
        }
        out.append(case)
    # The reference notes' examples, exactly (botocore-presign.md section 2).
    for signature in ("v4", "v2"):
        for key, addressing in (("key.txt", "path"), ("uploads/${filename}", "virtual")):
            out.append({
                "name": f"reference-{signature}-{addressing}",
                "signature": signature,
                "addressing": addressing,
                "endpoint": "global",
                "region": "us-east-1",
                "bucket": "bucket",
                "key": key,
                "access_key": CREDENTIALS[0][0],
                "secret_key": CREDENTIALS[0][1],
                "session_token": None,
                "expires": 3600,
                "time": TIMES[0],
                "acl": None,
                "content_type": None,
                "size": None,
                "meta": [],
                "success_status": None,
                "redirect": None,
                "fields": [],
            })
    return out


def main():
    assert botocore.__version__ == BOTOCORE_VERSION, botocore.__version__
    for case in cases(300):
        print(json.dumps(botocore_post(case), sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
