"""Byte for byte boto3: random cases over every operation, option, signature version,
addressing style, endpoint form, token and key give the same URL (and the same POST url
and fields, in order) from presign.Presigner and from botocore 1.44.8's client with the
matching Config, at a frozen clock."""

import base64
import os

import presign
import pytest

from conftest import AWS_AK, AWS_SK, client, frozen, rfc3339, rng

CASES = int(os.environ.get("PRESIGN_TEST_CASES", "10000"))

# (presign's endpoint, the URL botocore gets, whether a bucket can go in its host)
ENDPOINTS = [
    ("global", "https://gateway.storjshare.io", True),
    ("eu1", "https://gateway.eu1.storjshare.io", True),
    ("http://localhost:9000", "http://localhost:9000", True),
    ("https://s3.eu-west-1.amazonaws.com", "https://s3.eu-west-1.amazonaws.com", True),
    ("https://minio.example.com:9443", "https://minio.example.com:9443", True),
    ("http://127.0.0.1:7777", "http://127.0.0.1:7777", False),
    ("https://h.example:443", "https://h.example:443", True),
    ("https://S3.Example.COM", "https://S3.Example.COM", True),
    ("http://[::1]:9000", "http://[::1]:9000", False),
]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "auto", "us-1"]
DNS_BUCKETS = ["my-bucket", "examplebucket", "123", "a-b-c", "logs.2026"]
LEGACY_BUCKETS = ["Legacy_Bucket.2009", "UPPER", "x" * 100]
CREDENTIALS = [
    (AWS_AK, AWS_SK),
    ("jwsutdemteo7a3odjeweckixmkra", "j3ts/4a+tz=kdbwz5q6z6x7k4ryckk6ax2c3sz64rcbngd2vwrmc"),
    ("AKIA%2B+KEY", "s3cr3t key with spaces+and/slashes=="),
]
TOKENS = [None, None, "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJGMEQCIA+/=", "tok en%2F+/"]
KEY_CHARS = (
    "aaaabbbZ019//++%% ~._-=&?#'()*!$,;:@[]{}|\\^`\"<>\u00fc\u00e9\u65e5\u672c\U0001f600\t\u2013"
)
VALUE_CHARS = "abcXYZ0189 -_.~/+=%;,:\"'()!*@&?#[]"
HEADER_CHARS = "abcXYZ0189 -_.~/+=%;,:\"'()!*@&?#[]  "
DOWNLOAD_NAMES = {
    "Q3 report.pdf": 'attachment; filename="Q3 report.pdf"',
    'say "hi".txt': 'attachment; filename="say \\"hi\\".txt"',
    "Bericht Q3 \u2013 M\u00e4rz.pdf": "attachment; filename=\"Bericht Q3 _ M_rz.pdf\"; "
    "filename*=UTF-8''Bericht%20Q3%20%E2%80%93%20M%C3%A4rz.pdf",
}
RESPONSE_EXPIRES = ["Thu, 01 Jan 2026 00:00:00 GMT", "2015-10-21T07:28:00Z", "Wed, 21 Oct 2015 07:28:00 GMT"]
ACLS = ["private", "public-read", "bucket-owner-full-control"]
STORAGE = ["STANDARD", "STANDARD_IA", "GLACIER_IR"]
DIGESTS = {"content_md5": 16, "checksum_crc32": 4, "checksum_crc32c": 4, "checksum_sha1": 20,
           "checksum_sha256": 32}
# presign's keyword -> botocore's Param, in presign's documented order.
DOWNLOAD = [("version_id", "VersionId"), ("response_content_type", "ResponseContentType"),
            ("response_content_disposition", "ResponseContentDisposition"),
            ("response_cache_control", "ResponseCacheControl"),
            ("response_content_encoding", "ResponseContentEncoding"),
            ("response_content_language", "ResponseContentLanguage"),
            ("response_expires", "ResponseExpires"), ("range", "Range")]
INTEGRITY = [("content_md5", "ContentMD5"), ("checksum_crc32", "ChecksumCRC32"),
             ("checksum_crc32c", "ChecksumCRC32C"), ("checksum_sha1", "ChecksumSHA1"),
             ("checksum_sha256", "ChecksumSHA256")]
OBJECT = [("content_type", "ContentType"), ("metadata", "Metadata"), ("acl", "ACL"),
          ("cache_control", "CacheControl"), ("content_disposition", "ContentDisposition"),
          ("content_encoding", "ContentEncoding"), ("content_language", "ContentLanguage"),
          ("storage_class", "StorageClass"), ("tagging", "Tagging")]
# What SigV2 cannot sign: presign refuses it, botocore drops it without a word.
NOT_V2 = {"cache_control", "content_disposition", "content_encoding", "content_language", "range"}
OPERATIONS = {
    "get": ("get_object", DOWNLOAD), "head": ("head_object", DOWNLOAD),
    "put": ("put_object", OBJECT[:1] + INTEGRITY + OBJECT[1:]),
    "delete": ("delete_object", DOWNLOAD[:1]),
    "create_multipart_upload": ("create_multipart_upload", OBJECT),
    "upload_part": ("upload_part", INTEGRITY),
    "complete_multipart_upload": ("complete_multipart_upload", []),
    "abort_multipart_upload": ("abort_multipart_upload", []),
}


def text(r, chars, lo, hi):
    return "".join(r.choice(chars) for _ in range(r.randint(lo, hi)))


def key(r):
    if r.random() < 0.01:
        return r.choice(["x" * 1024, "\u00e9" * 512, "/", "//", "./a/../b"])
    return text(r, KEY_CHARS, 1, 40)


def header_value(r):
    value = text(r, HEADER_CHARS, 1, 30)
    return value if value.strip() else "x" + value


def option_value(r, name):
    if name == "response_expires":
        return r.choice(RESPONSE_EXPIRES)
    if name == "range":
        return f"bytes={r.randint(0, 99)}-{r.randint(100, 9999)}"
    if name in DIGESTS:
        return base64.b64encode(bytes(r.randrange(256) for _ in range(DIGESTS[name]))).decode()
    if name == "metadata":
        meta = {}
        for _ in range(r.randint(1, 3)):
            # An empty value too: botocore signs it and S3 stores it.
            meta[text(r, "abcXYZ019-_.", 1, 8)] = "" if r.random() < 0.15 else header_value(r)
        # presign's keys are case-insensitive: one per lowercase spelling.
        seen = {}
        for k, v in meta.items():
            seen.setdefault(k.lower(), (k, v))
        return dict(seen.values())
    if name == "acl":
        return r.choice(ACLS)
    if name == "storage_class":
        return r.choice(STORAGE)
    if name == "tagging":
        # Distinct keys, values URL-encoded (S3 reads x-amz-tagging as a query).
        keys = r.sample(["project", "team", "k1", "a b", "owner"], r.randint(1, 3))
        return "&".join(f"{k.replace(' ', '+')}={text(r, 'abc', 0, 4)}{r.choice(['', '%20', '+x', '%C3%A9'])}"
                        for k in keys)
    if name in ("content_type", "cache_control", "content_disposition", "content_encoding",
                "content_language"):
        return header_value(r)
    return text(r, VALUE_CHARS + "\u00fc\u65e5", 1, 30)


def config(r):
    endpoint, endpoint_url, virtual_ok = r.choice(ENDPOINTS)
    signature = r.choice(["v4", "v2"])
    addressing = "virtual" if virtual_ok and r.random() < 0.4 else "path"
    if addressing == "virtual":
        bucket = r.choice([b for b in DNS_BUCKETS if not ("." in b and endpoint_url.startswith("https"))])
    else:
        bucket = r.choice(DNS_BUCKETS + LEGACY_BUCKETS)
    ak, sk = r.choice(CREDENTIALS)
    return dict(endpoint=endpoint, endpoint_url=endpoint_url, region=r.choice(REGIONS),
                ak=ak, sk=sk, token=r.choice(TOKENS), signature=signature,
                addressing=addressing, bucket=bucket)


def presigner(c):
    return presign.Presigner(c["ak"], c["sk"], c["token"], endpoint=c["endpoint"],
                             region=c["region"], signature=c["signature"],
                             addressing=c["addressing"])


def boto(c):
    return client(c["endpoint_url"], c["region"], c["ak"], c["sk"], c["token"],
                  c["signature"], c["addressing"])


def url_case(r, c, op):
    method, table = OPERATIONS[op]
    args = [c["bucket"], key(r)]
    params = {"Bucket": args[0], "Key": args[1]}
    if op == "upload_part":
        part = r.randint(1, 10000)
        upload_id = text(r, VALUE_CHARS, 1, 40)
        args += [upload_id, part]
        # botocore puts the Params in the URL in their order; presign's is this one.
        params.update(PartNumber=part, UploadId=upload_id)
    elif op in ("complete_multipart_upload", "abort_multipart_upload"):
        upload_id = text(r, VALUE_CHARS, 1, 40)
        args.append(upload_id)
        params["UploadId"] = upload_id
    options = {}
    for name, param in table:
        if r.random() < 0.25:
            options[name] = option_value(r, name)
    if op in ("get", "head") and r.random() < 0.15 and "response_content_disposition" not in options:
        name = r.choice(sorted(DOWNLOAD_NAMES))
        options["download_as"] = name
    for name, param in table:
        if name in options:
            params[param] = options[name]
        if name == "response_content_disposition" and "download_as" in options:
            params[param] = DOWNLOAD_NAMES[options["download_as"]]
    return method, args, options, params


def test_presigner_urls_are_botocores():
    r = rng("urls")
    failures = []
    checked = refused = 0
    configs = [config(r) for _ in range(60)]
    # One Presigner per configuration, as an application keeps one: its per-second cache
    # of the signing key sees every time and expiry in turn.
    presigners = [presigner(c) for c in configs]
    for i in range(CASES):
        n = r.randrange(len(configs))
        c = configs[n]
        op = r.choice(sorted(OPERATIONS))
        method, args, options, params = url_case(r, c, op)
        epoch = r.randint(946684800, 4102444799 - 31536000)
        expires = r.randint(1, 604800) if c["signature"] == "v4" else r.randint(1, 10**8)
        p = presigners[n]
        at = rfc3339(epoch)
        dropped = {k for k in options if k in NOT_V2} if c["signature"] == "v2" else set()
        if dropped:
            # presign refuses what botocore drops; without it, the URLs are the same.
            with pytest.raises(presign.Error) as refusal:
                getattr(p, op)(*args, expires=expires, at=at, **options)
            assert str(refusal.value).split(":")[0] in dropped, refusal.value
            refused += 1
            options = {k: v for k, v in options.items() if k not in dropped}
        ours = getattr(p, op)(*args, expires=expires, at=at, **options)
        with frozen(epoch):
            theirs = boto(c).generate_presigned_url(method, Params=params, ExpiresIn=expires)
        checked += 1
        if ours != theirs:
            failures.append((i, c, op, args, options, ours, theirs))
    assert not failures, "\n".join(repr(f) for f in failures[:5])
    assert checked == CASES and refused > 0


def post_case(r):
    kwargs, fields, conditions = {}, {}, []
    if r.random() < 0.3:
        kwargs["acl"] = fields["acl"] = r.choice(ACLS)
        conditions.append({"acl": kwargs["acl"]})
    choice = r.random()
    if choice < 0.25:
        kwargs["content_type"] = fields["Content-Type"] = header_value(r)
        conditions.append({"Content-Type": kwargs["content_type"]})
    elif choice < 0.5:
        kwargs["content_type_prefix"] = r.choice(["", "image/", "text/pl"])
        conditions.append(["starts-with", "$Content-Type", kwargs["content_type_prefix"]])
    if r.random() < 0.4:
        lo, hi = sorted([r.randint(0, 10**7), r.randint(0, 10**7)])
        kwargs["min_size"], kwargs["max_size"] = lo, hi
        conditions.append(["content-length-range", lo, hi])
    if r.random() < 0.3:
        meta = option_value(r, "metadata")
        kwargs["metadata"] = meta
        for k, v in meta.items():
            fields["x-amz-meta-" + k.lower()] = v
            conditions.append({"x-amz-meta-" + k.lower(): v})
    if r.random() < 0.3:
        status = r.choice([200, 201, 204])
        kwargs["success_status"] = status
        fields["success_action_status"] = str(status)
        conditions.append({"success_action_status": str(status)})
    if r.random() < 0.2:
        kwargs["redirect"] = fields["success_action_redirect"] = "https://example.com/done?" + text(r, "abc=&", 0, 8)
        conditions.append({"success_action_redirect": kwargs["redirect"]})
    if r.random() < 0.2:
        extra = {"Cache-Control": "max-age=60", "x-amz-storage-class": r.choice(STORAGE)}
        kwargs["fields"] = extra
        for n, v in extra.items():
            fields[n] = v
            conditions.append({n: v})
    return kwargs, fields, conditions


def test_presigner_post_forms_are_botocores():
    r = rng("post")
    failures = []
    configs = [config(r) for _ in range(30)]
    cases = max(CASES // 5, 100)
    for i in range(cases):
        c = r.choice(configs)
        k = key(r) if r.random() < 0.7 else text(r, "abc/ ", 0, 10) + "${filename}"
        kwargs, fields, conditions = post_case(r)
        epoch = r.randint(946684800, 4102444799 - 31536000)
        expires = r.randint(1, 604800) if c["signature"] == "v4" else r.randint(1, 10**8)
        ours = presigner(c).post(c["bucket"], k, expires=expires, at=rfc3339(epoch), **kwargs)
        with frozen(epoch):
            theirs = boto(c).generate_presigned_post(c["bucket"], k, Fields=fields,
                                                     Conditions=conditions, ExpiresIn=expires)
        if (ours["url"], list(ours["fields"].items())) != (theirs["url"], list(theirs["fields"].items())):
            failures.append((i, c, k, kwargs, ours, theirs))
    assert not failures, "\n".join(repr(f) for f in failures[:3])
