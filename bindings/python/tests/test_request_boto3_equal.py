"""Byte for byte boto3 for issue 17's keywords: random cases of every new keyword on every
method that takes it (list_objects, copy_object and upload_part_copy included) give the
URL botocore 1.44.8 gives for the matching Params, at a frozen clock. What SigV2 cannot
sign (the conditions, the length, SSE-C keys, the list parameters) presign refuses,
naming the keyword; without it the URLs are the same. `in_url` has no botocore
counterpart: the Rust tests hold it to aws-sigv4's signer and to real servers."""

import base64
import datetime
import hashlib
import json
import os

import presign
import pytest

from conftest import frozen, rfc3339, rng
from test_boto3_equal import (CASES, DNS_BUCKETS, LEGACY_BUCKETS, VALUE_CHARS, boto, config, key,
                              option_value, presigner, text)

ETAGS = ['"3858f62230ac3c915f300c664312c11f"', '"e"', 'W/"weak"', "*"]
KMS_KEYS = ["alias/my-key", "1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
DATES = ["Thu, 01 Jan 2026 00:00:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT"]
# Which keyword groups each method takes (the CLI subcommand's flag groups).
GROUPS = {
    "get": ["ssec", "request"], "head": ["ssec", "request"], "delete": ["request"],
    "put": ["object", "conditions", "length", "sse", "lock", "request", "ssec"],
    "create_multipart_upload": ["object", "sse", "lock", "request", "ssec"],
    "upload_part": ["length", "request", "ssec"],
    "complete_multipart_upload": ["conditions", "request", "ssec"],
    "abort_multipart_upload": ["request"],
    "copy_object": ["object", "conditions", "copy", "directives", "sse", "lock", "request", "ssec"],
    "upload_part_copy": ["copy", "range", "request", "ssec"],
    "list_objects": ["list", "request"],
}
BOTO = {"get": "get_object", "head": "head_object", "put": "put_object", "delete": "delete_object",
        "list_objects": "list_objects_v2"}
NOT_V2 = ("if_match", "if_none_match", "content_length", "sse_c_key", "copy_source_sse_c_key")


def case(r, c, op, epoch):
    """(args, presign's keywords, botocore's Params in presign's order) for `op`."""
    g = GROUPS[op]
    bucket = c["bucket"]
    if op == "list_objects":
        args, params = [bucket], {"Bucket": bucket}
    else:
        args = [bucket, key(r)]
        params = {"Bucket": bucket, "Key": args[1]}
    kw = {}
    if op in ("upload_part", "upload_part_copy"):
        upload_id, part = text(r, VALUE_CHARS, 1, 30), r.randint(1, 10000)
        args += [upload_id, part]
        params.update(PartNumber=part, UploadId=upload_id)
    elif op in ("complete_multipart_upload",):
        upload_id = text(r, VALUE_CHARS, 1, 30)
        args.append(upload_id)
        params["UploadId"] = upload_id
    elif op == "abort_multipart_upload":
        upload_id = text(r, VALUE_CHARS, 1, 30)
        args.append(upload_id)
        params["UploadId"] = upload_id
    if "copy" in g:
        sb = r.choice(DNS_BUCKETS + LEGACY_BUCKETS)
        sk = r.choice(["a b+c.txt", "dir/\u00e9t\u00e9 100%.bin", "what?is#this", "k", text(r, "ab/ +%?~", 1, 12)])
        args.append(f"{sb}/{sk}")
        source = {"Bucket": sb, "Key": sk}
        if r.random() < 0.3:
            kw["source_version_id"] = source["VersionId"] = text(r, "abcXYZ019+/=._-", 1, 40)
    replace_meta = "directives" in g and r.random() < 0.5
    replace_tags = "directives" in g and r.random() < 0.5
    if "object" in g and ("directives" not in g or replace_meta):
        if r.random() < 0.3:
            kw["content_type"] = params["ContentType"] = option_value(r, "content_type")
        if r.random() < 0.3:
            kw["metadata"] = params["Metadata"] = option_value(r, "metadata")
    if "object" in g and ("directives" not in g or replace_tags) and r.random() < 0.3:
        kw["tagging"] = params["Tagging"] = option_value(r, "tagging")
    if "conditions" in g:
        choice = r.random()
        if choice < 0.25:
            kw["if_match"] = params["IfMatch"] = r.choice(ETAGS)
        elif choice < 0.5:
            kw["if_none_match"] = params["IfNoneMatch"] = "*"
    if "length" in g and r.random() < 0.4:
        kw["content_length"] = params["ContentLength"] = r.choice([0, 1, r.randint(2, 5 << 30)])
    if "copy" in g:
        params["CopySource"] = source
        if "range" in g and r.random() < 0.5:
            a = r.randint(0, 10**6)
            kw["source_range"] = params["CopySourceRange"] = f"bytes={a}-{a + r.randint(0, 10**6)}"
    if "directives" in g:
        if replace_meta or r.random() < 0.3:
            kw["metadata_directive"] = params["MetadataDirective"] = "REPLACE" if replace_meta else "COPY"
        if replace_tags or r.random() < 0.3:
            kw["tagging_directive"] = params["TaggingDirective"] = "REPLACE" if replace_tags else "COPY"
    if "copy" in g:
        for name, param, values in [
            ("copy_source_if_match", "CopySourceIfMatch", ETAGS),
            ("copy_source_if_none_match", "CopySourceIfNoneMatch", ETAGS),
            ("copy_source_if_modified_since", "CopySourceIfModifiedSince", DATES),
            ("copy_source_if_unmodified_since", "CopySourceIfUnmodifiedSince", DATES),
        ]:
            if r.random() < 0.15:
                kw[name] = params[param] = r.choice(values)
        if r.random() < 0.2:
            owner = "".join(r.choice("0123456789") for _ in range(12))
            source_owner = ("expected_source_bucket_owner", "ExpectedSourceBucketOwner", owner)
        else:
            source_owner = None
        if r.random() < 0.2:
            raw = os.urandom(32)
            kw["copy_source_sse_c_key"] = raw if r.random() < 0.5 else base64.b64encode(raw).decode()
            params.update(CopySourceSSECustomerAlgorithm="AES256", CopySourceSSECustomerKey=raw)
    if "sse" in g and r.random() < 0.5:
        sse = r.choice(["AES256", "aws:kms", "aws:kms:dsse"])
        kw["sse"] = params["ServerSideEncryption"] = sse
        if sse != "AES256":
            if r.random() < 0.5:
                kw["sse_kms_key_id"] = params["SSEKMSKeyId"] = r.choice(KMS_KEYS)
            if r.random() < 0.5:
                context = {text(r, "abc", 1, 5): text(r, "xyz 0-9", 1, 8)}
                as_text = json.dumps(context, separators=(",", ":"))
                kw["sse_kms_context"] = context if r.random() < 0.5 else as_text
                params["SSEKMSEncryptionContext"] = base64.b64encode(as_text.encode()).decode()
            if sse == "aws:kms" and r.random() < 0.3:  # no bucket keys with DSSE-KMS
                kw["sse_bucket_key"] = params["BucketKeyEnabled"] = True
    if "lock" in g:
        if r.random() < 0.3:
            kw["object_lock_mode"] = params["ObjectLockMode"] = r.choice(["GOVERNANCE", "COMPLIANCE"])
            until = epoch + r.randint(1, 10**9)
            params["ObjectLockRetainUntilDate"] = rfc3339(until)
            kw["object_lock_retain_until"] = rfc3339(until) if r.random() < 0.5 else (
                datetime.datetime.fromtimestamp(until, datetime.timezone.utc))
        if r.random() < 0.2:
            on = r.random() < 0.5
            params["ObjectLockLegalHoldStatus"] = "ON" if on else "OFF"
            kw["legal_hold"] = r.choice([on, "on" if on else "OFF"])
    if "list" in g:
        for name, param, value in [
            ("prefix", "Prefix", lambda: text(r, VALUE_CHARS + "\u00e9", 1, 20)),
            ("delimiter", "Delimiter", lambda: r.choice(["/", "-", "%"])),
            ("max_keys", "MaxKeys", lambda: r.randint(1, 1000)),
            ("start_after", "StartAfter", lambda: text(r, VALUE_CHARS, 1, 20)),
            ("continuation_token", "ContinuationToken", lambda: text(r, "abcXYZ019+/=", 1, 40)),
            ("fetch_owner", "FetchOwner", lambda: True),
        ]:
            if r.random() < 0.4:
                kw[name] = params[param] = value()
    if "request" in g:
        if r.random() < 0.3:
            kw["request_payer"] = True
            params["RequestPayer"] = "requester"
        if r.random() < 0.3:
            kw["expected_bucket_owner"] = params["ExpectedBucketOwner"] = "".join(
                r.choice("0123456789") for _ in range(12))
    if "copy" in g and source_owner:  # after the destination's owner
        kw[source_owner[0]] = params[source_owner[1]] = source_owner[2]
    # S3 encrypts an object one way: SSE-C with --sse is refused (a test of its own).
    if "ssec" in g and "sse" not in kw and r.random() < 0.3:
        raw = hashlib.sha256(os.urandom(8)).digest()
        kw["sse_c_key"] = raw if r.random() < 0.5 else base64.b64encode(raw).decode()
        params.update(SSECustomerAlgorithm="AES256", SSECustomerKey=raw)
    return args, kw, params


def test_issue_17_keywords_give_botocores_urls():
    r = rng("request-urls")
    configs = [config(r) for _ in range(40)]
    presigners = [presigner(c) for c in configs]
    failures, checked, refused = [], 0, 0
    for i in range(max(CASES // 2, 200)):
        n = r.randrange(len(configs))
        c, p = configs[n], presigners[n]
        op = r.choice(sorted(GROUPS))
        epoch = r.randint(946684800, 4102444799 - 31536000)
        args, kw, params = case(r, c, op, epoch)
        expires = r.randint(1, 604800) if c["signature"] == "v4" else r.randint(1, 10**8)
        at = rfc3339(epoch)
        if c["signature"] == "v2":
            unsigned = [k for k in NOT_V2 if k in kw] or (["list"] if op == "list_objects" else [])
            if str(kw.get("sse", "")).startswith("aws:kms"):  # AWS takes SSE-KMS on SigV4 only
                unsigned.append("sse")
            if unsigned:
                with pytest.raises(presign.Error) as e:
                    getattr(p, op)(*args, expires=expires, at=at, **kw)
                assert 'signature="v4"' in str(e.value), e.value
                refused += 1
                continue
        ours = getattr(p, op)(*args, expires=expires, at=at, **kw)
        with frozen(epoch):
            theirs = boto(c).generate_presigned_url(BOTO.get(op, op), Params=params, ExpiresIn=expires)
        checked += 1
        if ours != theirs:
            failures.append((i, op, args, kw, ours, theirs))
    assert not failures, f"{len(failures)} of {checked}:\n" + "\n".join(repr(f) for f in failures[:5])
    assert checked > 100 and refused > 0
