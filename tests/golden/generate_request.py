#!/usr/bin/env python3
"""Regenerates tests/golden/botocore_request.jsonl: issue 17's flags and operations as
botocore presigns them.

Each line is one case in the shape of botocore.jsonl (the inputs presign takes and the URL
botocore's `generate_presigned_url` returns for them, under a frozen clock), for the
headers that bound what a URL's holder may do (Content-Length, If-None-Match, If-Match,
SSE, SSE-KMS, SSE-C, requester pays, expected bucket owner, object lock) on every
operation that takes them, and for the operations ListObjectsV2, CopyObject and
UploadPartCopy. `.ci/run` re-runs this with the pinned botocore and fails if the committed
file differs.

Headers are given in presign's documented order (src/cli/commands/url/mod.rs,
then src/request/options.rs), which is the order botocore gets its Params in; the SSE-C key's
MD5 comes last because botocore's sse_md5 handler appends it. Values are the headers'
wire form; where botocore takes another form (a number, a bool, the raw SSE-C key, the
copy source as bucket, key and version) the case says so in extra fields:
`sse_c_key` and `copy_source_sse_c_key` (the raw keys, base64) and `copy_source`
([bucket, key, version or null]). The copy source's key MD5 comes after everything, the
other MD5 included (botocore's copy_source_sse_md5 handler runs after sse_md5).

SigV2 signs only Content-MD5, Content-Type and x-amz-* headers, and only its
sub-resources among the parameters: botocore silently drops the rest (If-None-Match,
Content-Length) or leaves them unsigned (the ListObjectsV2 parameters). Those cases are
kept: presign must refuse them.

Usage: python3 tests/golden/generate_request.py > tests/golden/botocore_request.jsonl
Needs: botocore==1.44.8 (see .ci/run).
"""

import base64
import datetime
import hashlib
import itertools
import json
import os
import sys
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate as g  # noqa: E402  (the shared inputs and the client cache)

import botocore  # noqa: E402
import botocore.auth  # noqa: E402

SSE_C_KEYS = [bytes(range(32)), b"k" * 32, hashlib.sha256(b"presign").digest()]
ETAGS = ['"3858f62230ac3c915f300c664312c11f"', '"e"', "W/\"weak\"", "*"]
KMS_KEYS = [
    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "alias/my-key",
    "1234abcd-12ab-34cd-56ef-1234567890ab",
]
KMS_CONTEXTS = ['{"project":"q3"}', '{"a":"b","c":"d e"}']
OWNERS = ["111122223333", "012345678901"]
RETAIN = ["2030-01-01T00:00:00Z", "2099-12-31T23:59:59Z"]
LENGTHS = [0, 1, 1024, 5368709120, 999]
SOURCES = [("src-bucket", "a b+c.txt"), ("my-bucket", "dir/\u00e9t\u00e9 100%.bin"),
           ("logs.2026", "k"), ("Legacy_Bucket.2009", "what?is#this"), ("abc", "tilde~and-dash_dot.")]
SOURCE_VERSIONS = [None, "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo", "null"]
PREFIXES = ["", "photos/", "reports/2026 q3", "\u00e9t\u00e9/", "a+b=c&d", "x" * 200]
DATES = ["Thu, 01 Jan 2026 00:00:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT"]

# Header wire names -> botocore Params names (and how the value is passed).
HEADER_PARAMS = {
    "content-type": ("ContentType", str),
    "x-amz-meta-": None,
    "x-amz-acl": ("ACL", str),
    "x-amz-storage-class": ("StorageClass", str),
    "x-amz-tagging": ("Tagging", str),
    "content-md5": ("ContentMD5", str),
    "if-match": ("IfMatch", str),
    "if-none-match": ("IfNoneMatch", str),
    "content-length": ("ContentLength", int),
    "x-amz-copy-source": None,
    "x-amz-copy-source-range": ("CopySourceRange", str),
    "x-amz-metadata-directive": ("MetadataDirective", str),
    "x-amz-tagging-directive": ("TaggingDirective", str),
    "x-amz-copy-source-if-match": ("CopySourceIfMatch", str),
    "x-amz-copy-source-if-none-match": ("CopySourceIfNoneMatch", str),
    "x-amz-copy-source-if-modified-since": ("CopySourceIfModifiedSince", str),
    "x-amz-copy-source-if-unmodified-since": ("CopySourceIfUnmodifiedSince", str),
    "x-amz-server-side-encryption": ("ServerSideEncryption", str),
    "x-amz-server-side-encryption-aws-kms-key-id": ("SSEKMSKeyId", str),
    "x-amz-server-side-encryption-context": ("SSEKMSEncryptionContext", str),
    "x-amz-server-side-encryption-bucket-key-enabled": ("BucketKeyEnabled", lambda v: v == "true"),
    "x-amz-object-lock-mode": ("ObjectLockMode", str),
    "x-amz-object-lock-retain-until-date": ("ObjectLockRetainUntilDate", str),
    "x-amz-object-lock-legal-hold": ("ObjectLockLegalHoldStatus", str),
    "x-amz-request-payer": ("RequestPayer", str),
    "x-amz-expected-bucket-owner": ("ExpectedBucketOwner", str),
    "x-amz-source-expected-bucket-owner": ("ExpectedSourceBucketOwner", str),
    "x-amz-server-side-encryption-customer-algorithm": ("SSECustomerAlgorithm", str),
    "x-amz-server-side-encryption-customer-key": None,
    "x-amz-server-side-encryption-customer-key-md5": None,
    "x-amz-copy-source-server-side-encryption-customer-algorithm": ("CopySourceSSECustomerAlgorithm", str),
    "x-amz-copy-source-server-side-encryption-customer-key": None,
    "x-amz-copy-source-server-side-encryption-customer-key-md5": None,
}
PARAM_PARAMS = {
    "partNumber": ("PartNumber", int),
    "uploadId": ("UploadId", str),
    "versionId": ("VersionId", str),
    "prefix": ("Prefix", str),
    "delimiter": ("Delimiter", str),
    "max-keys": ("MaxKeys", int),
    "start-after": ("StartAfter", str),
    "continuation-token": ("ContinuationToken", str),
    "fetch-owner": ("FetchOwner", lambda v: v == "true"),
}


def sse_c(i, prefix="x-amz-"):
    key = SSE_C_KEYS[i % len(SSE_C_KEYS)]
    return base64.b64encode(key).decode(), [
        [prefix + "server-side-encryption-customer-algorithm", "AES256"],
        [prefix + "server-side-encryption-customer-key", base64.b64encode(key).decode()],
        [prefix + "server-side-encryption-customer-key-md5", base64.b64encode(hashlib.md5(key).digest()).decode()],
    ]


def copy_source_header(bucket, key, version):
    text = botocore.utils.percent_encode(f"{bucket}/{key}", safe="-._~/")
    return text + (f"?versionId={version}" if version else "")


def choose(i, rows):
    """Some of `rows` for case i: one, two or all, varying with i."""
    n = len(rows)
    picked = [rows[i % n]]
    if i % 3 == 1:
        picked.append(rows[(i * 7 + 2) % n])
    if i % 13 == 12:
        picked = list(rows)
    return picked


def bounds(i, writes):
    """Header groups in documented order: (rank, [[name, value], ...]) for the groups
    this operation takes (`writes`: which families)."""
    groups = []
    if "object" in writes:
        groups.append([["content-type", "image/png"]] if i % 4 == 0 else [])
        groups.append([["x-amz-meta-owner", "ci"]] if i % 5 == 1 else [])
        groups.append([["x-amz-acl", "private"]] if i % 7 == 3 else [])
    if "conditions" in writes:
        rows = [[["if-none-match", "*"]], [["if-match", ETAGS[i % 3]]], []]
        groups.append(rows[i % 3])
    if "length" in writes:
        groups.append([["content-length", str(LENGTHS[i % len(LENGTHS)])]] if i % 2 == 0 else [])
    if "sse" in writes:
        rows = [
            [["x-amz-server-side-encryption", "AES256"]],
            [["x-amz-server-side-encryption", "aws:kms"],
             ["x-amz-server-side-encryption-aws-kms-key-id", KMS_KEYS[i % 3]]],
            [["x-amz-server-side-encryption", "aws:kms:dsse"],
             ["x-amz-server-side-encryption-context",
              base64.b64encode(KMS_CONTEXTS[i % 2].encode()).decode()]],
            [["x-amz-server-side-encryption", "aws:kms"],
             ["x-amz-server-side-encryption-aws-kms-key-id", KMS_KEYS[(i + 1) % 3]],
             ["x-amz-server-side-encryption-context",
              base64.b64encode(KMS_CONTEXTS[(i + 1) % 2].encode()).decode()],
             ["x-amz-server-side-encryption-bucket-key-enabled", "true"]],
            [],
        ]
        groups.append(rows[i % len(rows)])
    if "lock" in writes:
        rows = [
            [["x-amz-object-lock-mode", "GOVERNANCE"], ["x-amz-object-lock-retain-until-date", RETAIN[0]]],
            [["x-amz-object-lock-mode", "COMPLIANCE"], ["x-amz-object-lock-retain-until-date", RETAIN[1]],
             ["x-amz-object-lock-legal-hold", "ON"]],
            [["x-amz-object-lock-legal-hold", "OFF"]],
            [],
        ]
        groups.append(rows[(i // 2) % len(rows)])
    payer = [["x-amz-request-payer", "requester"]] if i % 3 != 2 else []
    owner = [["x-amz-expected-bucket-owner", OWNERS[i % 2]]] if i % 4 in (1, 2) else []
    groups.append(payer + owner)
    return groups


def case_for(operation, i):
    """params, headers and the extra botocore inputs for the i-th case of `operation`."""
    upload_id = g.UPLOAD_IDS[i % len(g.UPLOAD_IDS)]
    params, headers, extra = [], [], {}
    families = {
        "put_object": ["object", "conditions", "length", "sse", "lock", "ssec"],
        "create_multipart_upload": ["object", "sse", "lock", "ssec"],
        "upload_part": ["length", "ssec"],
        "complete_multipart_upload": ["conditions", "ssec"],
        "get_object": ["ssec"],
        "head_object": ["ssec"],
        "delete_object": [],
        "abort_multipart_upload": [],
        "list_objects_v2": [],
        "copy_object": ["object", "conditions", "sse", "lock", "ssec"],
        "upload_part_copy": ["ssec"],
    }[operation]
    if operation == "upload_part" or operation == "upload_part_copy":
        params = [["partNumber", str([1, 2, 7, 10000, 999][i % 5])], ["uploadId", upload_id]]
    elif operation in ("complete_multipart_upload", "abort_multipart_upload"):
        params = [["uploadId", upload_id]]
    elif operation == "list_objects_v2":
        params = [["list-type", "2"]]
        prefix = PREFIXES[i % len(PREFIXES)]
        for name, value in [
            ("prefix", prefix or None),
            ("delimiter", "/" if i % 2 else None),
            ("max-keys", str([1, 10, 1000][i % 3]) if i % 4 == 1 else None),
            ("start-after", "photos/2026 b.jpg" if i % 5 == 2 else None),
            ("continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=" if i % 6 == 3 else None),
            ("fetch-owner", "true" if i % 7 == 4 else None),
        ]:
            if value is not None:
                params.append([name, value])
        params.append(["encoding-type", "url"])
    groups = bounds(i, families)
    # The copy headers sit after the conditions and before SSE, as presign adds them.
    if operation in ("copy_object", "upload_part_copy"):
        bucket, key = SOURCES[i % len(SOURCES)]
        version = SOURCE_VERSIONS[i % len(SOURCE_VERSIONS)]
        extra["copy_source"] = [bucket, key, version]
        copy = [["x-amz-copy-source", copy_source_header(bucket, key, version)]]
        if operation == "upload_part_copy" and i % 2:
            copy.append(["x-amz-copy-source-range", f"bytes={i}-{i * 100 + 99}"])
        if operation == "copy_object":
            directive = [None, "COPY", "REPLACE"][i % 3]
            if directive:
                copy.append(["x-amz-metadata-directive", directive])
            tagging = [None, None, "REPLACE", "COPY"][i % 4]
            if tagging:
                copy.append(["x-amz-tagging-directive", tagging])
        cond = [
            [["x-amz-copy-source-if-match", ETAGS[i % 3]]],
            [["x-amz-copy-source-if-none-match", ETAGS[(i + 1) % 3]]],
            [["x-amz-copy-source-if-modified-since", DATES[i % 2]]],
            [["x-amz-copy-source-if-unmodified-since", DATES[(i + 1) % 2]]],
            [],
        ][i % 5]
        copy_md5 = []
        if i % 4 == 1:
            source_key, trio = sse_c(i + 1, "x-amz-copy-source-")
            extra["copy_source_sse_c_key"] = source_key
            cond += trio[:2]
            copy_md5 = trio[2:]
        insert_at = 1 if operation == "upload_part_copy" else 2 + ("conditions" in families)
        if operation == "copy_object":
            # Metadata flags only with REPLACE (presign refuses them otherwise).
            if directive != "REPLACE":
                groups[0] = groups[1] = groups[2] = []
            # Tags only with TaggingDirective REPLACE, after the ACL as presign adds them.
            if tagging == "REPLACE" and i % 8 != 6:
                groups[2] = groups[2] + [["x-amz-tagging", ["project=q3", "a=b&team=data%20science"][(i // 8) % 2]]]
            insert_at = 4
        groups.insert(insert_at if operation == "copy_object" else 0, copy + cond)
        # The source's owner after the destination's (the last group).
        if i % 5 == 3:
            groups[-1] = groups[-1] + [["x-amz-source-expected-bucket-owner", OWNERS[(i + 1) % 2]]]
    for group in groups:
        headers += group
    # S3 encrypts an object one way: SSE-C only where no --sse is signed.
    sse = any(name == "x-amz-server-side-encryption" for name, _ in headers)
    if "ssec" in families and i % 3 == 0 and not sse:
        key, trio = sse_c(i)
        extra["sse_c_key"] = key
        headers += trio
    if operation in ("copy_object", "upload_part_copy"):
        headers += copy_md5
    return params, headers, extra


def botocore_params(case):
    params = {"Bucket": case["bucket"]}
    if case["operation"] != "list_objects_v2":
        params["Key"] = case["key"]
    for name, value in case["params"]:
        if name in ("list-type", "encoding-type"):
            continue  # botocore adds them itself
        p, convert = PARAM_PARAMS[name]
        params[p] = convert(value)
    for name, value in case["headers"]:
        if name.startswith("x-amz-meta-"):
            params.setdefault("Metadata", {})[name[len("x-amz-meta-"):]] = value
        elif name == "x-amz-copy-source":
            bucket, key, version = case["copy_source"]
            params["CopySource"] = {"Bucket": bucket, "Key": key, **({"VersionId": version} if version else {})}
        elif name == "x-amz-server-side-encryption-customer-key":
            params["SSECustomerKey"] = base64.b64decode(case["sse_c_key"])
        elif name == "x-amz-copy-source-server-side-encryption-customer-key":
            params["CopySourceSSECustomerKey"] = base64.b64decode(case["copy_source_sse_c_key"])
        elif name.endswith("-customer-key-md5"):
            continue  # botocore computes it
        else:
            p, convert = HEADER_PARAMS[name]
            params[p] = convert(value)
    return params


def botocore_url(case):
    client = g.client_for(case)
    now = datetime.datetime.fromisoformat(case["time"].replace("Z", "+00:00"))
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=now), \
            mock.patch.object(botocore.auth.time, "time", return_value=now.timestamp()):
        return client.generate_presigned_url(
            case["operation"], Params=botocore_params(case), ExpiresIn=case["expires"]
        )


OPERATIONS = {
    "put_object": 70,
    "create_multipart_upload": 25,
    "upload_part": 20,
    "complete_multipart_upload": 15,
    "get_object": 12,
    "head_object": 8,
    "delete_object": 6,
    "abort_multipart_upload": 6,
    "list_objects_v2": 40,
    "copy_object": 40,
    "upload_part_copy": 20,
}


def cases(n):
    for sig, style in itertools.product(["v4", "v2"], ["path", "virtual"]):
        for operation, count in OPERATIONS.items():
            for j in range(count):
                i = next(n)
                endpoint = [e for e in g.ENDPOINTS if e[2] or style == "path"][i % (len(g.ENDPOINTS) - (style == "virtual"))]
                bucket = g.BUCKETS[i % len(g.BUCKETS)]
                if style == "virtual" and not g.host_label_ok(bucket, endpoint[1]):
                    bucket = "my-bucket"
                creds = g.CREDENTIALS[i % 2]
                params, headers, extra = case_for(operation, j)
                yield {
                    "signature": sig,
                    "addressing": style,
                    "endpoint": endpoint[0],
                    "region": g.REGIONS[i % len(g.REGIONS)],
                    "bucket": bucket,
                    "key": "" if operation == "list_objects_v2" else g.KEYS[(j * 7 + i) % len(g.KEYS)],
                    "operation": operation,
                    "params": params,
                    "headers": headers,
                    **extra,
                    "access_key": creds[0],
                    "secret_key": creds[1],
                    "session_token": g.TOKENS[i % len(g.TOKENS)],
                    "expires": (g.EXPIRES_V4 if sig == "v4" else g.EXPIRES_V2)[i % 5],
                    "time": g.TIMES[i % len(g.TIMES)],
                }


def main():
    if botocore.__version__ != g.BOTOCORE_VERSION:
        sys.exit(f"botocore {g.BOTOCORE_VERSION} is required, found {botocore.__version__}")
    for number, case in enumerate(cases(itertools.count()), 1):
        op = case["operation"].replace("_object", "").replace("_multipart_upload", "-multipart").replace("_", "-")
        case = {"name": f"request-{number:04}-{case['signature']}-{op}-{case['addressing']}", **case}
        case["url"] = botocore_url(case)
        sys.stdout.write(json.dumps(case, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
