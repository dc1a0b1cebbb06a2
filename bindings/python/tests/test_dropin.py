"""presign.boto3: the same output as the client's own methods, for random ClientMethods
and Params, including those it hands back; and proof that it signs the common ones
itself."""

import contextlib
import copy
import datetime
import time
from unittest import mock

import boto3
import botocore.awsrequest
import botocore.client
import botocore.credentials
import botocore.signers
import presign
import presign.boto3
import pytest
from botocore.config import Config

from conftest import AWS_AK, AWS_SK, frozen, rng
from test_boto3_equal import DOWNLOAD, INTEGRITY, OBJECT, key, option_value, text

CASES = 3000
METHODS = ["get_object", "head_object", "put_object", "delete_object", "create_multipart_upload",
           "upload_part", "complete_multipart_upload", "abort_multipart_upload", "list_objects_v2",
           "copy_object", "upload_part_copy",
           # Not covered: handed back.
           "list_objects", "get_object_acl", "not_a_method"]
PARAMS = {p: n for n, p in DOWNLOAD + INTEGRITY + OBJECT}
EXTRA = {"IfModifiedSince": "Thu, 01 Jan 2026 00:00:00 GMT", "SSECustomerKeyMD5": "abc",
         "ResponseExpires": "Thu, 01 Jan 2026 00:00:00 GMT", "ChecksumAlgorithm": "CRC32",
         "PartNumber": 3, "UploadId": "U+1/2", "MaxKeys": 5}
LIST = {"Prefix": ["photos/", "a b+c/\u00e9", ""], "Delimiter": ["/", "%"], "MaxKeys": [1, 1000, 0, "5"],
        "StartAfter": ["k 1"], "ContinuationToken": ["1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="],
        "FetchOwner": [True, False, "true"], "EncodingType": ["url"],
        "RequestPayer": ["requester"], "ExpectedBucketOwner": ["111122223333"]}
COPY_SOURCES = ["src-1/a b+c.txt", "src-1/k?versionId=v1", "src-1", {"Bucket": "src-1", "Key": "d/\u00e9 %"},
                {"Bucket": "src-1", "Key": "k", "VersionId": "3HL4kq+/="}, {"Bucket": "src-1"},
                {"Bucket": "src-1", "Key": 5}, {"Bucket": "src-1", "Key": "k", "Other": "x"},
                {"Bucket": "arn:aws:s3:us-east-1:123456789012:accesspoint/ap", "Key": "k"}, 7]
COPY = {"MetadataDirective": ["COPY", "REPLACE"], "TaggingDirective": ["REPLACE", "bogus"],
        "CopySourceIfMatch": ['"e"'], "CopySourceIfNoneMatch": ["*"],
        "CopySourceIfModifiedSince": ["Thu, 01 Jan 2026 00:00:00 GMT", "Fri, 01 Jan 2026 00:00:00 GMT",
                                      "2026-01-01T00:00:00Z", "Thu, 01 Jan 2026 00:00:00 +0100",
                                      datetime.datetime(2026, 1, 1)],
        "CopySourceIfUnmodifiedSince": ["Wed, 21 Oct 2015 07:28:00 GMT", "soon"],
        "CopySourceSSECustomerAlgorithm": ["AES256"], "CopySourceSSECustomerKey": [bytes(32), "s" * 32],
        "CopySourceRange": ["bytes=0-9", "0-9"], "ExpectedSourceBucketOwner": ["111122223333"]}
COPY_OBJECT_ONLY = {"MetadataDirective", "TaggingDirective"}
# Issue 17's Params, with values botocore takes and values it refuses or writes otherwise.
KEY32 = bytes(range(32))
ISSUE_17 = {
    "ContentLength": [0, 10, 5 << 30, -1, True, "5"],
    "IfNoneMatch": ["*", "x"], "IfMatch": ['"abc"', "W/\"e\""],
    "ServerSideEncryption": ["AES256", "aws:kms", "aws:kms:dsse", "bogus"],
    "SSEKMSKeyId": ["alias/my-key"], "SSEKMSEncryptionContext": ["eyJhIjoiYiJ9"],
    "BucketKeyEnabled": [True, False, "true"],
    "SSECustomerAlgorithm": ["AES256"],
    "SSECustomerKey": [KEY32, "k" * 32, b"short", "", 5],
    "RequestPayer": ["requester"], "ExpectedBucketOwner": ["111122223333", "x"],
    "ObjectLockMode": ["GOVERNANCE", "COMPLIANCE"],
    "ObjectLockRetainUntilDate": ["2030-01-01T00:00:00Z", "2030-01-01T00:00:00.5Z",
                                  "2030-01-01T01:00:00+01:00", "0999-01-01T00:00:00Z",
                                  "2030-02-30T00:00:00Z", "garbage",
                                  datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)],
    "ObjectLockLegalHoldStatus": ["ON", "OFF"],
}


def clients():
    """Clients of every kind the drop-in meets: explicit v4/v2, path/virtual/auto,
    AWS and custom endpoints, tokens, and botocore's silent SigV2 default."""
    out = []
    for endpoint in [None, "https://gateway.storjshare.io", "http://127.0.0.1:9000",
                     "http://localhost:9000"]:
        for signature in ["s3v4", "s3", None]:
            for addressing in ["path", "virtual", "auto", None]:
                for region in ["us-east-1", "eu-west-1"]:
                    s3 = {"addressing_style": addressing} if addressing else None
                    out.append(boto3.client(
                        "s3", region_name=region, endpoint_url=endpoint,
                        aws_access_key_id=AWS_AK, aws_secret_access_key=AWS_SK,
                        aws_session_token="tok/en+=" if region == "eu-west-1" else None,
                        config=Config(signature_version=signature, s3=s3)))
    return out


def random_params(r, method):
    params = {}
    if r.random() < 0.97:
        params["Bucket"] = r.choice(["my-bucket", "logs.2026", "Legacy_Bucket", "b", "a" * 64,
                                     "arn:aws:s3:us-east-1:123456789012:accesspoint/ap"])
    if r.random() < (0.03 if method.startswith("list_objects") else 0.97):
        params["Key"] = key(r) if r.random() < 0.95 else r.choice(["", 7])
    if method.startswith("list_objects"):
        for param in r.sample(sorted(LIST), r.randint(0, 5)):
            params[param] = r.choice(LIST[param])
    if method in ("upload_part", "upload_part_copy"):
        params.update(PartNumber=r.randint(0, 10001), UploadId=text(r, "abcAB/+=", 1, 20))
    if method in ("complete_multipart_upload", "abort_multipart_upload"):
        params["UploadId"] = text(r, "abcAB/+= ", 1, 20)
    if method in ("copy_object", "upload_part_copy"):
        params["CopySource"] = r.choice(COPY_SOURCES)
        for param in r.sample(sorted(COPY), r.randint(0, 4)):
            if method == "copy_object" or param not in COPY_OBJECT_ONLY:
                params[param] = r.choice(COPY[param])
    # Sometimes a Param botocore requires is missing: botocore raises, and so must we.
    if r.random() < 0.05 and len(params) > 2:
        del params[r.choice(sorted(set(params) - {"Bucket", "Key"}) or ["Bucket"])]
    for param in r.sample(sorted(PARAMS), r.randint(0, 4)):
        params[param] = option_value(r, PARAMS[param])
    if r.random() < 0.4:
        for param in r.sample(sorted(ISSUE_17), r.randint(1, 6)):
            params[param] = r.choice(ISSUE_17[param])
    if r.random() < 0.15:
        extra = r.choice(sorted(EXTRA))
        params[extra] = EXTRA[extra]
    if r.random() < 0.03:
        params["ContentType"] = 5  # not a str: botocore's to judge
    return params


def outcome(call):
    try:
        return ("ok", call())
    except Exception as e:  # the drop-in must fail exactly as botocore fails
        return ("error", type(e).__name__, str(e))


def test_dropin_matches_the_clients_own_method():
    r = rng("dropin")
    cs = clients()
    for i in range(CASES):
        c = r.choice(cs)
        method = r.choice(METHODS)
        params = random_params(r, method)
        expires = r.choice([3600, 1, 604800, 604801, 0, 60])
        http_method = "GET" if r.random() < 0.03 else None
        epoch = r.randint(946684800, 4102444799 - 31536000)
        # Each call gets its own copy: botocore's handlers rewrite CopySource and
        # SSECustomerKey in the caller's dict (a second call would quote it twice).
        with frozen(epoch):
            ours = outcome(lambda: presign.boto3.generate_presigned_url(
                c, method, Params=copy.deepcopy(params), ExpiresIn=expires, HttpMethod=http_method))
            theirs = outcome(lambda: c.generate_presigned_url(
                method, Params=copy.deepcopy(params), ExpiresIn=expires, HttpMethod=http_method))
        assert ours == theirs, (i, method, params, expires, c.meta.config.signature_version)


def test_dropin_post_matches_the_clients_own_method():
    r = rng("dropin-post")
    cs = clients()
    for i in range(600):
        c = r.choice(cs)
        bucket = r.choice(["my-bucket", "logs.2026", "Legacy_Bucket", "ab"])
        k = key(r) if r.random() < 0.8 else "in/${filename}"
        fields = {"acl": "private"} if r.random() < 0.2 else None
        conditions = [{"acl": "private"}] if fields else None
        expires = r.choice([3600, 1, 604800, 604801])
        epoch = r.randint(946684800, 4102444799 - 31536000)
        with frozen(epoch):
            ours = outcome(lambda: presign.boto3.generate_presigned_post(
                c, bucket, k, Fields=fields, Conditions=conditions, ExpiresIn=expires))
            theirs = outcome(lambda: c.generate_presigned_post(
                bucket, k, Fields=fields, Conditions=conditions, ExpiresIn=expires))
        assert ours == theirs, (i, bucket, k, fields, expires)


def v4_client(**kwargs):
    return boto3.client("s3", region_name="eu-west-1", aws_access_key_id=AWS_AK,
                        aws_secret_access_key=AWS_SK,
                        config=Config(signature_version="s3v4", **kwargs))


def no_botocore_signing(*clients):
    """While active, botocore cannot presign for these clients (neither their own methods
    nor botocore's signer): any URL that comes out is presign's."""
    def refuse(*args, **kwargs):
        raise AssertionError("handed back to botocore")
    stack = contextlib.ExitStack()
    stack.enter_context(mock.patch.multiple(
        botocore.signers.RequestSigner, generate_presigned_url=refuse, sign=refuse))
    for c in clients:
        stack.enter_context(mock.patch.multiple(
            type(c), generate_presigned_url=refuse, generate_presigned_post=refuse))
    return stack


@pytest.mark.parametrize("addressing", [None, "path", "virtual"])
def test_fast_path_is_taken_for_the_common_operations(addressing):
    s3 = {"addressing_style": addressing} if addressing else None
    c = v4_client(s3=s3)
    calls = [("get_object", {"Bucket": "my-bucket", "Key": "photos/1.jpg"}),
             ("put_object", {"Bucket": "my-bucket", "Key": "in/x.csv", "ContentType": "text/csv",
                             "Metadata": {"owner": "ci"}}),
             ("head_object", {"Bucket": "my-bucket", "Key": "a b+c"}),
             ("delete_object", {"Bucket": "my-bucket", "Key": "tmp/1", "VersionId": "v1"})]
    with frozen(1767225600):
        expected = [c.generate_presigned_url(m, Params=p, ExpiresIn=600) for m, p in calls]
        for m, p in calls:  # the first call per bucket asks botocore where it goes
            presign.boto3.generate_presigned_url(c, m, Params=p, ExpiresIn=600)
        with no_botocore_signing(c):
            got = [presign.boto3.generate_presigned_url(c, m, Params=p, ExpiresIn=600)
                   for m, p in calls]
            form = presign.boto3.generate_presigned_post(c, "my-bucket", "k")
    assert got == expected
    with frozen(1767225600):
        assert form == c.generate_presigned_post("my-bucket", "k")


def test_fast_path_is_taken_for_issue_17s_params():
    c = v4_client()
    calls = [
        ("put_object", {"Bucket": "my-bucket", "Key": "in/x", "ContentType": "text/csv",
                        "IfNoneMatch": "*", "ContentLength": 1024,
                        "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "alias/k",
                        "SSEKMSEncryptionContext": "eyJhIjoiYiJ9", "BucketKeyEnabled": True,
                        "ObjectLockMode": "GOVERNANCE",
                        "ObjectLockRetainUntilDate": "2030-01-01T00:00:00Z",
                        "ObjectLockLegalHoldStatus": "ON", "RequestPayer": "requester",
                        "ExpectedBucketOwner": "111122223333"}),
        ("get_object", {"Bucket": "my-bucket", "Key": "k", "SSECustomerAlgorithm": "AES256",
                        "SSECustomerKey": KEY32, "RequestPayer": "requester"}),
        ("upload_part", {"Bucket": "my-bucket", "Key": "k", "PartNumber": 2, "UploadId": "U",
                         "ContentLength": 5, "SSECustomerAlgorithm": "AES256",
                         "SSECustomerKey": "k" * 32}),
        ("complete_multipart_upload", {"Bucket": "my-bucket", "Key": "k", "UploadId": "U",
                                       "IfMatch": '"e"', "ExpectedBucketOwner": "111122223333"}),
        ("create_multipart_upload", {"Bucket": "my-bucket", "Key": "k",
                                     "ServerSideEncryption": "AES256", "BucketKeyEnabled": False}),
        ("abort_multipart_upload", {"Bucket": "my-bucket", "Key": "k", "UploadId": "U",
                                    "RequestPayer": "requester"}),
        ("list_objects_v2", {"Bucket": "my-bucket"}),
        ("copy_object", {"Bucket": "my-bucket", "Key": "dest", "CopySource": {"Bucket": "src-1", "Key": "a b"},
                         "MetadataDirective": "REPLACE", "ContentType": "text/csv",
                         "TaggingDirective": "REPLACE", "Tagging": "a=b",
                         "CopySourceIfModifiedSince": "Thu, 01 Jan 2026 00:00:00 GMT",
                         "CopySourceSSECustomerAlgorithm": "AES256", "CopySourceSSECustomerKey": KEY32,
                         "SSECustomerAlgorithm": "AES256", "SSECustomerKey": KEY32}),
        ("upload_part_copy", {"Bucket": "my-bucket", "Key": "dest", "PartNumber": 2, "UploadId": "U",
                              "CopySource": "src-1/a b?versionId=v1", "CopySourceRange": "bytes=0-9"}),
        ("list_objects_v2", {"Bucket": "my-bucket", "Prefix": "photos/2026 q3/", "Delimiter": "/",
                             "MaxKeys": 100, "FetchOwner": True, "ExpectedBucketOwner": "111122223333"}),
    ]
    with frozen(1767225600):
        expected = [c.generate_presigned_url(m, Params=dict(p)) for m, p in calls]
        for m, p in calls:
            presign.boto3.generate_presigned_url(c, m, Params=dict(p))
        with no_botocore_signing(c):
            given = copy.deepcopy(calls)
            got = [presign.boto3.generate_presigned_url(c, m, Params=p) for m, p in given]
    assert got == expected
    assert given == calls  # the caller's Params as they were (botocore rewrites its copies)


def test_missing_required_params_are_botocores_error_not_a_url():
    """The drop-in signed an upload_part without PartNumber, a complete without UploadId:
    botocore raises ParamValidationError for those, and so does the drop-in now."""
    c = v4_client()
    with frozen(1767225600):
        for method, params in [
            ("upload_part", {"Bucket": "b-1", "Key": "k", "UploadId": "U"}),
            ("upload_part", {"Bucket": "b-1", "Key": "k", "PartNumber": 1}),
            ("complete_multipart_upload", {"Bucket": "b-1", "Key": "k"}),
            ("abort_multipart_upload", {"Bucket": "b-1", "Key": "k"}),
            ("copy_object", {"Bucket": "b-1", "Key": "k"}),
            ("upload_part_copy", {"Bucket": "b-1", "Key": "k", "PartNumber": 1, "UploadId": "U"}),
        ]:
            ours = outcome(lambda: presign.boto3.generate_presigned_url(c, method, Params=params))
            theirs = outcome(lambda: c.generate_presigned_url(method, Params=params))
            assert ours == theirs and ours[:2] == ("error", "ParamValidationError"), (method, ours)


def test_hand_backs_go_to_botocore():
    c = v4_client()
    with frozen(1767225600), no_botocore_signing(c):
        for method, params, http_method in [
            ("list_objects", {"Bucket": "my-bucket"}, None),
            ("list_objects_v2", {"Bucket": "my-bucket", "Key": "k"}, None),
            ("get_object", {"Bucket": "my-bucket", "Key": "k", "IfModifiedSince": "x"}, None),
            ("put_object", {"Bucket": "my-bucket", "Key": "k", "SSECustomerKey": KEY32,
                            "SSECustomerKeyMD5": "given"}, None),
            ("put_object", {"Bucket": "my-bucket", "Key": "k",
                            "ObjectLockRetainUntilDate": "2030-01-01T00:00:00.5Z"}, None),
            ("get_object", {"Bucket": "my-bucket", "Key": "k"}, "PUT"),
            ("get_object", {"Bucket": "my-bucket", "Key": ""}, None),
        ]:
            with pytest.raises(AssertionError, match="handed back"):
                presign.boto3.generate_presigned_url(c, method, Params=params,
                                                     HttpMethod=http_method)


def test_silent_sigv2_default_is_followed():
    """Without a signature_version botocore presigns SigV2 in its SigV2 regions (a
    choose-signer handler of its own); the drop-in asks botocore's signer choice once per
    client and bucket, so it signs what botocore would, and refuses (hands back) what
    SigV2 cannot sign, which botocore drops."""
    c = boto3.client("s3", region_name="us-east-1", aws_access_key_id=AWS_AK,
                     aws_secret_access_key=AWS_SK)
    params = {"Bucket": "b-1", "Key": "k"}
    with frozen(1767225600):
        expected = c.generate_presigned_url("get_object", Params=params)
        presign.boto3.generate_presigned_url(c, "get_object", Params=params)
        with no_botocore_signing(c):
            assert presign.boto3.generate_presigned_url(c, "get_object", Params=params) == expected
        ranged = {**params, "Range": "bytes=0-9"}
        assert presign.boto3.generate_presigned_url(c, "get_object", Params=ranged) == expected
    assert "AWSAccessKeyId=" in expected


def test_event_hooks_hand_back_and_are_honoured():
    c = v4_client()
    params = {"Bucket": "my-bucket", "Key": "k"}
    with frozen(1767225600):
        presign.boto3.generate_presigned_url(c, "get_object", Params=params)

        def hook(params, **kwargs):
            params["Key"] = "rewritten"
        c.meta.events.register("before-parameter-build.s3.GetObject", hook)
        ours = presign.boto3.generate_presigned_url(c, "get_object", Params=dict(params))
        theirs = c.generate_presigned_url("get_object", Params=dict(params))
        assert ours == theirs and "/rewritten?" in ours
        c.meta.events.unregister("before-parameter-build.s3.GetObject", hook)
        with no_botocore_signing(c):
            assert "/k?" in presign.boto3.generate_presigned_url(c, "get_object", Params=params)


def test_refreshable_credentials_are_read_on_every_call():
    c = v4_client()
    keys = iter([("AKIAFIRST0000000000", "secret-one"), ("AKIASECOND000000000", "secret-two")])

    def refresh():
        ak, sk = next(keys)
        expiry = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
        return {"access_key": ak, "secret_key": sk, "token": "t", "expiry_time": expiry.isoformat()}
    creds = botocore.credentials.RefreshableCredentials.create_from_metadata(
        refresh(), refresh, "test")
    c._request_signer._credentials = creds
    params = {"Bucket": "my-bucket", "Key": "k"}
    with frozen(1767225600):
        first = presign.boto3.generate_presigned_url(c, "get_object", Params=params)
        # Expired now: the next read refreshes, as botocore's signer's read would.
        creds._expiry_time = datetime.datetime.now(datetime.timezone.utc)
        second = presign.boto3.generate_presigned_url(c, "get_object", Params=params)
        assert second == c.generate_presigned_url("get_object", Params=params)
    assert "AKIAFIRST" in first and "AKIASECOND" in second


def test_install_puts_the_drop_in_on_one_client():
    c = presign.boto3.install(v4_client())
    other = v4_client()
    params = {"Bucket": "my-bucket", "Key": "k"}
    with frozen(1767225600):
        expected = other.generate_presigned_url("get_object", Params=params)
        c.generate_presigned_url("get_object", Params=params)
        with no_botocore_signing(c, other):
            assert c.generate_presigned_url("get_object", Params=params) == expected
            assert c.generate_presigned_url(ClientMethod="get_object", Params=params) == expected
            with pytest.raises(AssertionError, match="handed back"):
                other.generate_presigned_url("get_object", Params=params)


def test_the_live_clock_is_botocores():
    """Unfrozen, the drop-in reads the system clock itself (botocore's clock unpatched):
    the URL is the client's for the same second, on the fast path."""
    c = v4_client()
    params = {"Bucket": "my-bucket", "Key": "k"}
    presign.boto3.generate_presigned_url(c, "get_object", Params=params)
    for _ in range(5):
        second = int(time.time())
        theirs = c.generate_presigned_url("get_object", Params=params)
        with no_botocore_signing(c):
            ours = presign.boto3.generate_presigned_url(c, "get_object", Params=params)
        if int(time.time()) == second:
            break
    assert ours == theirs


def region_redirector(c):
    """The client's S3RegionRedirectorv2, which botocore registers on every S3 client."""
    events = getattr(c.meta.events, "_emitter", c.meta.events)
    for handler in events._handlers.prefix_search("before-endpoint-resolution.s3"):
        owner = getattr(handler, "__self__", None)
        if type(owner).__name__ == "S3RegionRedirectorv2":
            return owner
    raise AssertionError("no region redirector on the client")


def learn_region(c, bucket, region):
    """What botocore does when S3 answers a call on `bucket` with 301 PermanentRedirect and
    x-amz-bucket-region: its redirector's own handler, given that answer, remembers the
    region."""
    operation = c.meta.service_model.operation_model("HeadObject")
    params = {"Bucket": bucket, "Key": "k"}
    request_dict = {"url": f"https://{bucket}.s3.amazonaws.com/k", "context": {
        "s3_redirect": {"redirected": False, "bucket": bucket, "params": params},
        "client_region": c.meta.region_name, "signing": {}}}
    headers = {"x-amz-bucket-region": region}
    http = botocore.awsrequest.AWSResponse(request_dict["url"], 301, headers, None)
    parsed = {"Error": {"Code": "PermanentRedirect"},
              "ResponseMetadata": {"HTTPStatusCode": 301, "HTTPHeaders": headers}}
    assert region_redirector(c).redirect_from_error(request_dict, (http, parsed), operation) == 0
    assert region_redirector(c)._cache[bucket] == region


def test_a_region_the_redirector_learnt_is_the_one_signed_for():
    """The drop-in cached a bucket's endpoint and region; once botocore's region redirector
    learnt the bucket's region on the same client (a 301 on any call), the client's URLs
    went to that region's host and the drop-in's still to the old one. It keys what it
    caches on what the redirector knows."""
    calls = [("get_object", {"Bucket": "my-bucket", "Key": "k"}),
             ("put_object", {"Bucket": "my-bucket", "Key": "in/x", "ContentType": "text/csv"}),
             ("list_objects_v2", {"Bucket": "my-bucket"})]
    for signature in ["s3v4", "s3", None]:
        for addressing in [None, "path", "virtual"]:
            s3 = {"addressing_style": addressing} if addressing else None
            c = boto3.client("s3", region_name="us-east-1", aws_access_key_id=AWS_AK,
                             aws_secret_access_key=AWS_SK,
                             config=Config(signature_version=signature, s3=s3))
            with frozen(1767225600):
                before = [presign.boto3.generate_presigned_url(c, m, Params=dict(p)) for m, p in calls]
                presign.boto3.generate_presigned_post(c, "my-bucket", "k")
                learn_region(c, "my-bucket", "eu-central-1")
                expected = [c.generate_presigned_url(m, Params=dict(p)) for m, p in calls]
                got = [presign.boto3.generate_presigned_url(c, m, Params=dict(p)) for m, p in calls]
                assert got == expected, (signature, addressing)
                form = presign.boto3.generate_presigned_post(c, "my-bucket", "k")
                assert form == c.generate_presigned_post("my-bucket", "k"), (signature, addressing)
            if signature == "s3v4":
                # Learnt, it is signed on the fast path again (SigV2 hands a listing back).
                with frozen(1767225600), no_botocore_signing(c):
                    assert [presign.boto3.generate_presigned_url(c, m, Params=dict(p))
                            for m, p in calls] == expected
                # The host moved to the bucket's region.
                assert all(".eu-central-1." in u and ".eu-central-1." not in b
                           for u, b in zip(got, before)), got


def test_a_region_learnt_from_a_call_is_the_one_signed_for():
    """The same through a call: S3 (a before-send handler in its place, no network)
    answers the first HEAD with 301 and x-amz-bucket-region, botocore's retry handler
    redirects to the bucket's region, the client learns it; the drop-in's next URLs are
    the client's."""
    sent = []

    class Body:
        def stream(self, **kwargs):
            return iter([b""])

    def s3(request, **kwargs):
        sent.append(request.url)
        status = 301 if len(sent) == 1 else 200
        headers = {"x-amz-bucket-region": "eu-west-2", "Content-Length": "0"}
        return botocore.awsrequest.AWSResponse(request.url, status, headers, Body())

    c = boto3.client("s3", region_name="us-east-1", aws_access_key_id=AWS_AK,
                     aws_secret_access_key=AWS_SK, config=Config(signature_version="s3v4"))
    c.meta.events.register("before-send.s3", s3)
    params = {"Bucket": "my-bucket", "Key": "k"}
    with frozen(1767225600):
        before = presign.boto3.generate_presigned_url(c, "get_object", Params=params)
        c.head_object(**params)
        assert [u.split("/k")[0] for u in sent] == ["https://my-bucket.s3.amazonaws.com",
                                                   "https://my-bucket.s3.eu-west-2.amazonaws.com"]
        expected = c.generate_presigned_url("get_object", Params=params)
        assert presign.boto3.generate_presigned_url(c, "get_object", Params=params) == expected
    # The host moves to the bucket's region; botocore's presigner keeps signing for the
    # client's (it ignores the ruleset's signing region for a bucket that is no ARN).
    assert before.startswith("https://my-bucket.s3.amazonaws.com/k?")
    assert expected.startswith("https://my-bucket.s3.eu-west-2.amazonaws.com/k?")
    assert "%2Fus-east-1%2Fs3%2F" in expected
