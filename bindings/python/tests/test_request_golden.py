"""Issue 17 through the Python package: every case of tests/golden/botocore_request.jsonl
(made by botocore 1.44.8 with generate_request.py; the one source of truth) comes out of
the Presigner byte for byte from the keywords that mirror the CLI's flags, and what SigV2
cannot sign is refused naming the keyword, as the CLI refuses it."""

import base64
import json
import pathlib
import warnings

import presign
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
CASES = [json.loads(line) for line in (ROOT / "tests/golden/botocore_request.jsonl").read_text().splitlines()]

# A signed header of a golden case -> the keyword that sets it (None: set another way).
HEADERS = {
    "content-type": "content_type", "x-amz-acl": "acl", "x-amz-tagging": "tagging",
    "if-match": "if_match", "if-none-match": "if_none_match",
    "x-amz-copy-source-range": "source_range",
    "x-amz-metadata-directive": "metadata_directive",
    "x-amz-tagging-directive": "tagging_directive",
    "x-amz-copy-source-if-match": "copy_source_if_match",
    "x-amz-copy-source-if-none-match": "copy_source_if_none_match",
    "x-amz-copy-source-if-modified-since": "copy_source_if_modified_since",
    "x-amz-copy-source-if-unmodified-since": "copy_source_if_unmodified_since",
    "x-amz-server-side-encryption": "sse",
    "x-amz-server-side-encryption-aws-kms-key-id": "sse_kms_key_id",
    "x-amz-object-lock-mode": "object_lock_mode",
    "x-amz-object-lock-retain-until-date": "object_lock_retain_until",
    "x-amz-object-lock-legal-hold": "legal_hold",
    "x-amz-expected-bucket-owner": "expected_bucket_owner",
    "x-amz-source-expected-bucket-owner": "expected_source_bucket_owner",
}
LIST = {"prefix": "prefix", "delimiter": "delimiter", "max-keys": "max_keys",
        "start-after": "start_after", "continuation-token": "continuation_token",
        "fetch-owner": "fetch_owner"}
METHODS = {"get_object": "get", "head_object": "head", "put_object": "put",
           "delete_object": "delete", "list_objects_v2": "list_objects"}
SIGV2_SIGNS = ("content-md5", "content-type", "x-amz-")


def call(case):
    """The case as a Presigner call: (method, positional arguments, keywords)."""
    params = dict(case["params"])
    method = METHODS.get(case["operation"], case["operation"])
    args = [case["bucket"]] if method == "list_objects" else [case["bucket"], case["key"]]
    if "uploadId" in params:
        args.append(params.pop("uploadId"))
    if "partNumber" in params:
        args.append(int(params.pop("partNumber")))
    kwargs = {}
    if case.get("copy_source"):
        bucket, key, version = case["copy_source"]
        args.append(f"{bucket}/{key}")
        if version:
            kwargs["source_version_id"] = version
    for name, value in params.items():
        if name in LIST:
            kwargs[LIST[name]] = {"max-keys": int, "fetch-owner": lambda v: v == "true"}.get(name, str)(value)
    n = len(case["name"])  # varies the form of the values that have two
    metadata = {}
    for name, value in case["headers"]:
        if name.startswith("x-amz-meta-"):
            metadata[name[len("x-amz-meta-"):]] = value
        elif name == "content-length":
            kwargs["content_length"] = int(value)
        elif name == "x-amz-server-side-encryption-context":
            text = base64.b64decode(value).decode()
            kwargs["sse_kms_context"] = json.loads(text) if n % 2 and "d e" not in text else text
        elif name == "x-amz-server-side-encryption-bucket-key-enabled":
            kwargs["sse_bucket_key"] = True
        elif name == "x-amz-request-payer":
            kwargs["request_payer"] = True
        elif name == "x-amz-server-side-encryption-customer-key":
            raw = case["sse_c_key"]
            kwargs["sse_c_key"] = base64.b64decode(raw) if n % 2 else raw
        elif name == "x-amz-copy-source-server-side-encryption-customer-key":
            raw = case["copy_source_sse_c_key"]
            kwargs["copy_source_sse_c_key"] = raw if n % 2 else base64.b64decode(raw)
        elif name == "x-amz-object-lock-legal-hold" and n % 3 == 0:
            kwargs["legal_hold"] = value == "ON"
        elif name in HEADERS:
            kwargs[HEADERS[name]] = value
        else:
            assert "customer-" in name or name == "x-amz-copy-source", name
    if metadata:
        kwargs["metadata"] = metadata
    return method, args, kwargs


def sign(case):
    with warnings.catch_warnings():  # a region that is not the endpoint's, on purpose
        warnings.simplefilter("ignore")
        p = presign.Presigner(case["access_key"], case["secret_key"], case["session_token"],
                              endpoint=case["endpoint"], region=case["region"],
                              signature=case["signature"], addressing=case["addressing"])
    method, args, kwargs = call(case)
    return getattr(p, method)(*args, expires=case["expires"], at=case["time"], **kwargs)


def refusal(case):
    """The keyword the CLI's refusal names for a case presign will not sign, or None: what
    SigV2 cannot sign, and a retain-until date not after the signing time (botocore signs
    it; S3 would refuse the lock)."""
    headers = dict(case["headers"])
    # S3 encrypts an object one way: botocore signs SSE-C with --sse, S3 answers 400.
    if case.get("sse_c_key") and "x-amz-server-side-encryption" in headers:
        return "sse_c_key"
    for name, value in case["headers"]:
        if name == "x-amz-object-lock-retain-until-date" and value <= case["time"]:
            return "object_lock_retain_until"
    if case["signature"] != "v2":
        return None
    # In the order of the headers (the library's sigv2_refusal), before what the signer
    # refuses: the copy source's key, SSE-KMS (AWS takes it on SigV4 only), the key.
    if case.get("copy_source_sse_c_key"):
        return "copy_source_sse_c_key"
    if headers.get("x-amz-server-side-encryption", "").startswith("aws:kms"):
        return "sse"
    if case.get("sse_c_key"):
        return "sse_c_key"
    for name, _ in case["headers"]:
        if not name.startswith(SIGV2_SIGNS):
            return name.replace("-", "_")
    if case["operation"] == "list_objects_v2":
        return ""
    return None


def test_every_issue_17_golden_case_is_botocores_url_from_the_keywords():
    assert len(CASES) >= 1000
    failures, compared, refused = [], 0, 0
    for case in CASES:
        keyword = refusal(case)
        if keyword is None:
            compared += 1
            try:
                url = sign(case)
            except presign.Error as e:
                failures.append(f"{case['name']}: {e}")
                continue
            if url != case["url"]:
                failures.append(f"{case['name']}:\n  botocore {case['url']}\n  presign  {url}")
        else:
            refused += 1
            with pytest.raises(presign.Error) as e:
                sign(case)
            message = str(e.value)
            assert message.startswith(f"{keyword}: " if keyword else "SigV2"), (case["name"], message)
            assert any(r in message for r in ('signature="v4"', "in the past", "one way")), message
            for secret in (case.get("sse_c_key"), case.get("copy_source_sse_c_key"), case["secret_key"]):
                assert not secret or secret not in message
    assert not failures, f"{len(failures)} of {compared} differ:\n" + "\n".join(failures[:20])
    assert compared >= 600 and refused >= 300, (compared, refused)


def test_the_golden_cases_use_every_new_keyword_and_method():
    used = set()
    for case in CASES:
        method, _, kwargs = call(case)
        used.add(method)
        used.update(kwargs)
    for name in ["list_objects", "copy_object", "upload_part_copy", "content_length", "if_none_match",
                 "if_match", "sse", "sse_kms_key_id", "sse_kms_context", "sse_bucket_key", "sse_c_key",
                 "object_lock_mode", "object_lock_retain_until", "legal_hold", "request_payer",
                 "expected_bucket_owner", "source_range", "source_version_id", "metadata_directive",
                 "tagging_directive", "copy_source_if_match", "copy_source_if_none_match",
                 "copy_source_if_modified_since", "copy_source_if_unmodified_since",
                 "copy_source_sse_c_key", "expected_source_bucket_owner", "prefix", "delimiter", "max_keys", "start_after",
                 "continuation_token", "fetch_owner"]:
        assert name in used, name
