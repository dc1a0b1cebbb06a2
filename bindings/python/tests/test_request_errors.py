"""Issue 17's keywords refuse bad values with presign.Error and the CLI's message (the
same library table checks both; the keyword stands where the flag stood), never echo an
SSE-C key, and are taken only by the methods whose CLI subcommand has the flag."""

import base64
import datetime

import presign
import pytest

from conftest import AWS_AK
from test_errors import SECRET, TOKEN, cli_error, flag_to_keyword

AT = "2026-01-01T00:00:00Z"
KEY = base64.b64encode(bytes(range(32))).decode()
# A 31-byte key that looks like a secret: it must not come back in any message.
SHORT_KEY = base64.b64encode(b"S3CRET-sse-c-key-of-31-bytes-!!").decode()
COPY = ("b-1", "k", "src-1/a")
PART_COPY = ("b-1", "k", "U", 1, "src-1/a")


@pytest.fixture
def p():
    return presign.Presigner(AWS_AK, SECRET, TOKEN)


# (method, args, keywords, the CLI's command line for the same mistake)
SAME_AS_CLI = [
    ("put", ("b-1", "k"), {"content_length": -1}, ["put", "b-1/k", "--content-length=-1"]),
    ("put", ("b-1", "k"), {"content_length": 6 << 30}, ["put", "b-1/k", "--content-length", str(6 << 30)]),
    ("upload_part", ("b-1", "k", "U", 1), {"content_length": -5},
     ["multipart", "part", "b-1/k", "--upload-id", "U", "--parts", "1", "--content-length=-5"]),
    ("put", ("b-1", "k"), {"if_none_match": "etag"}, ["put", "b-1/k", "--if-none-match", "etag"]),
    ("put", ("b-1", "k"), {"if_match": " "}, ["put", "b-1/k", "--if-match", " "]),
    ("complete_multipart_upload", ("b-1", "k", "U"), {"if_none_match": "x"},
     ["multipart", "complete", "b-1/k", "--upload-id", "U", "--if-none-match", "x"]),
    ("put", ("b-1", "k"), {"sse": "aes256"}, ["put", "b-1/k", "--sse", "aes256"]),
    ("put", ("b-1", "k"), {"sse_kms_key_id": "alias/k"}, ["put", "b-1/k", "--sse-kms-key-id", "alias/k"]),
    ("create_multipart_upload", ("b-1", "k"), {"sse": "AES256", "sse_bucket_key": True},
     ["multipart", "create", "b-1/k", "--sse", "AES256", "--sse-bucket-key"]),
    ("put", ("b-1", "k"), {"sse": "aws:kms", "sse_kms_context": "[1]"},
     ["put", "b-1/k", "--sse", "aws:kms", "--sse-kms-context", "[1]"]),
    ("put", ("b-1", "k"), {"sse_c_key": SHORT_KEY}, ["put", "b-1/k", "--sse-c-key", SHORT_KEY]),
    ("get", ("b-1", "k"), {"sse_c_key": "not base64!"}, ["get", "b-1/k", "--sse-c-key", "not base64!"]),
    ("put", ("b-1", "k"), {"object_lock_mode": "GOVERNANCE"}, ["put", "b-1/k", "--object-lock-mode", "GOVERNANCE"]),
    ("put", ("b-1", "k"), {"object_lock_mode": "FOREVER", "object_lock_retain_until": "2099-01-01T00:00:00Z"},
     ["put", "b-1/k", "--object-lock-mode", "FOREVER", "--object-lock-retain-until", "2099-01-01T00:00:00Z"]),
    ("put", ("b-1", "k"), {"object_lock_mode": "GOVERNANCE", "object_lock_retain_until": "tomorrow"},
     ["put", "b-1/k", "--object-lock-mode", "GOVERNANCE", "--object-lock-retain-until", "tomorrow"]),
    ("put", ("b-1", "k"), {"object_lock_mode": "GOVERNANCE", "object_lock_retain_until": "2025-01-01T00:00:00Z"},
     ["put", "b-1/k", "--at", AT, "--object-lock-mode", "GOVERNANCE", "--object-lock-retain-until",
      "2025-01-01T00:00:00Z"]),
    ("put", ("b-1", "k"), {"legal_hold": "yes"}, ["put", "b-1/k", "--legal-hold", "yes"]),
    ("delete", ("b-1", "k"), {"expected_bucket_owner": "1234"}, ["delete", "b-1/k", "--expected-bucket-owner", "1234"]),
    ("list_objects", ("b-1",), {"max_keys": 0}, ["list", "b-1", "--max-keys", "0"]),
    ("list_objects", ("b-1",), {"max_keys": 1001}, ["list", "b-1", "--max-keys", "1001"]),
    ("list_objects", ("b-1",), {"delimiter": "a\nb"}, ["list", "b-1", "--delimiter", "a\nb"]),
    ("copy_object", ("b-1", "k", "src-only"), {}, ["copy", "src-only", "b-1/k"]),
    ("copy_object", COPY, {"metadata": {"a": "b"}}, ["copy", "src-1/a", "b-1/k", "--meta", "a=b"]),
    ("copy_object", COPY, {"content_type": "text/plain", "tagging_directive": "REPLACE"},
     ["copy", "src-1/a", "b-1/k", "--content-type", "text/plain", "--tagging-directive", "REPLACE"]),
    ("copy_object", COPY, {"tagging": "a=b", "metadata_directive": "REPLACE"},
     ["copy", "src-1/a", "b-1/k", "--tagging", "a=b", "--metadata-directive", "REPLACE"]),
    ("copy_object", COPY, {"metadata_directive": "MOVE"}, ["copy", "src-1/a", "b-1/k", "--metadata-directive", "MOVE"]),
    ("copy_object", COPY, {"tagging_directive": "MOVE"}, ["copy", "src-1/a", "b-1/k", "--tagging-directive", "MOVE"]),
    ("copy_object", COPY, {"copy_source_if_modified_since": "soon"},
     ["copy", "src-1/a", "b-1/k", "--copy-source-if-modified-since", "soon"]),
    ("copy_object", COPY, {"source_version_id": ""}, ["copy", "src-1/a", "b-1/k", "--source-version-id="]),
    ("upload_part_copy", PART_COPY, {"expected_source_bucket_owner": "12"},
     ["multipart", "part-copy", "b-1/k", "--upload-id", "U", "--part", "1", "--source", "src-1/a",
      "--expected-source-bucket-owner", "12"]),
    ("copy_object", COPY, {"copy_source_sse_c_key": SHORT_KEY},
     ["copy", "src-1/a", "b-1/k", "--copy-source-sse-c-key", SHORT_KEY]),
    ("upload_part_copy", PART_COPY, {"source_range": "0-9"},
     ["multipart", "part-copy", "b-1/k", "--upload-id", "U", "--part", "1", "--source", "src-1/a",
      "--source-range", "0-9"]),
    # What S3 refuses though botocore signs it (an outside review).
    ("upload_part_copy", PART_COPY, {"source_range": "bytes=10-"},
     ["multipart", "part-copy", "b-1/k", "--upload-id", "U", "--part", "1", "--source", "src-1/a",
      "--source-range", "bytes=10-"]),
    ("put", ("b-1", "k"), {"sse": "AES256", "sse_c_key": KEY}, ["put", "b-1/k", "--sse", "AES256", "--sse-c-key", KEY]),
    ("put", ("b-1", "k"), {"sse": "aws:kms:dsse", "sse_bucket_key": True},
     ["put", "b-1/k", "--sse", "aws:kms:dsse", "--sse-bucket-key"]),
    ("put", ("b-1", "k"), {"sse": "aws:kms", "sse_kms_context": '{"n":1}'},
     ["put", "b-1/k", "--sse", "aws:kms", "--sse-kms-context", '{"n":1}']),
]


@pytest.mark.parametrize("method,args,kwargs,cli", SAME_AS_CLI, ids=[" ".join(c[3][:4]) for c in SAME_AS_CLI])
def test_messages_are_the_clis(p, tmp_path, method, args, kwargs, cli):
    cli_message, stderr = cli_error(tmp_path, cli)
    if cli_message.startswith("copy SOURCE: "):
        cli_message = "source: " + cli_message[len("copy SOURCE: "):]
    with pytest.raises(presign.Error) as e:
        getattr(p, method)(*args, at=AT, **kwargs)
    assert str(e.value) == flag_to_keyword(cli_message)
    assert SHORT_KEY not in str(e.value) and SHORT_KEY not in stderr


def test_retain_until_is_judged_against_at_not_the_clock(p):
    """The bug the CLI had (the machine's clock): the library judges against `at`."""
    lock = {"object_lock_mode": "GOVERNANCE", "object_lock_retain_until": "2021-01-01T00:00:00Z"}
    assert "x-amz-object-lock-retain-until-date" in p.put("b-1", "k", at="2020-06-01T00:00:00Z", **lock)
    with pytest.raises(presign.Error, match="^object_lock_retain_until: .* is in the past"):
        p.put("b-1", "k", at="2021-01-01T00:00:00Z", **lock)
    # An aware datetime is taken as `at` takes one.
    until = datetime.datetime(2021, 1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    url = p.put("b-1", "k", at="2020-06-01T00:00:00Z", object_lock_mode="GOVERNANCE",
                object_lock_retain_until=until)
    assert url == p.put("b-1", "k", at="2020-06-01T00:00:00Z", **lock)
    with pytest.raises(presign.Error, match="^object_lock_retain_until: the datetime has no time zone"):
        p.put("b-1", "k", at=AT, object_lock_mode="GOVERNANCE",
              object_lock_retain_until=datetime.datetime(2030, 1, 1))


def test_the_sse_c_key_is_never_echoed(p):
    for bad in [SHORT_KEY, SHORT_KEY + "=", base64.b64decode(SHORT_KEY), KEY[:-4] + "!!!!"]:
        for method, args, kw in [("put", ("b-1", "k"), "sse_c_key"), ("get", ("b-1", "k"), "sse_c_key"),
                                 ("copy_object", COPY, "copy_source_sse_c_key"),
                                 ("upload_part_copy", PART_COPY, "copy_source_sse_c_key")]:
            with pytest.raises(presign.Error) as e:
                getattr(p, method)(*args, at=AT, **{kw: bad})
            message = str(e.value)
            assert message.startswith(kw + ": "), message
            text = bad if isinstance(bad, str) else base64.b64encode(bad).decode()
            assert text not in message and text[:12] not in message, message
    v2 = presign.Presigner(AWS_AK, SECRET, signature="v2")
    with pytest.raises(presign.Error) as e:
        v2.put("b-1", "k", at=AT, sse_c_key=KEY)
    assert str(e.value).startswith("sse_c_key: a SigV2 URL carries") and KEY not in str(e.value)
    with pytest.raises(presign.Error, match="^in_url: SigV2 signs no header"):
        v2.put("b-1", "k", at=AT, in_url=True, metadata={"a": "b"})
    assert KEY not in repr(p)


# Which methods take which keywords: the CLI's subcommands and their flag groups.
REQUEST = ["request_payer", "expected_bucket_owner", "in_url"]
TAKES = {
    "get": (("b-1", "k"), ["sse_c_key", *REQUEST]),
    "head": (("b-1", "k"), ["sse_c_key", *REQUEST]),
    "get_many": (("b-1", ["k"]), ["sse_c_key", *REQUEST]),
    "put": (("b-1", "k"), ["if_match", "if_none_match", "content_length", "sse", "sse_kms_key_id",
                           "sse_kms_context", "sse_bucket_key", "sse_c_key", "object_lock_mode",
                           "object_lock_retain_until", "legal_hold", *REQUEST]),
    "delete": (("b-1", "k"), REQUEST),
    "create_multipart_upload": (("b-1", "k"), ["sse", "sse_kms_key_id", "sse_kms_context", "sse_bucket_key",
                                               "sse_c_key", "object_lock_mode", "object_lock_retain_until",
                                               "legal_hold", *REQUEST]),
    "upload_part": (("b-1", "k", "U", 1), ["content_length", "sse_c_key", *REQUEST]),
    "complete_multipart_upload": (("b-1", "k", "U"), ["if_match", "if_none_match", "sse_c_key", *REQUEST]),
    "abort_multipart_upload": (("b-1", "k", "U"), REQUEST),
    "list_objects": (("b-1",), REQUEST),
    "copy_object": (COPY, ["if_match", "if_none_match", "sse", "sse_kms_key_id", "sse_kms_context",
                           "sse_bucket_key", "sse_c_key", "object_lock_mode", "object_lock_retain_until",
                           "legal_hold", "metadata_directive", "tagging_directive", "source_version_id",
                           "copy_source_if_match", "copy_source_if_none_match",
                           "copy_source_if_modified_since", "copy_source_if_unmodified_since",
                           "copy_source_sse_c_key", "expected_source_bucket_owner", *REQUEST]),
    "upload_part_copy": (PART_COPY, ["source_range", "source_version_id", "copy_source_if_match",
                                     "copy_source_if_none_match", "copy_source_if_modified_since",
                                     "copy_source_if_unmodified_since", "copy_source_sse_c_key", "sse_c_key",
                                     "expected_source_bucket_owner", *REQUEST]),
}
ALL = sorted({k for _, ks in TAKES.values() for k in ks})
BOOLS = {"sse_bucket_key", "request_payer", "in_url"}


@pytest.mark.parametrize("method", sorted(TAKES))
def test_each_method_takes_its_subcommands_keywords_and_no_other(p, method):
    args, takes = TAKES[method]
    for kw in ALL:
        if kw not in takes:
            with pytest.raises(TypeError, match=f"unexpected keyword argument '{kw}'"):
                getattr(p, method)(*args, at=AT, **{kw: "x"})
            continue
        # None is "not given", as for every keyword.
        assert getattr(p, method)(*args, at=AT, **{kw: None}) == getattr(p, method)(*args, at=AT)
        if kw in BOOLS or kw == "content_length":
            with pytest.raises(TypeError):
                getattr(p, method)(*args, at=AT, **{kw: "yes"})
            continue
        # A line break fits no header: refused, naming the keyword.
        with pytest.raises(presign.Error) as e:
            getattr(p, method)(*args, at=AT, **{kw: "a\nb"})
        assert str(e.value).startswith(kw + ": "), (kw, str(e.value))
        if kw not in ("sse_c_key", "copy_source_sse_c_key", "legal_hold", "object_lock_retain_until",
                      "sse_kms_context"):
            with pytest.raises(TypeError):
                getattr(p, method)(*args, at=AT, **{kw: 5})


def test_the_stubs_name_each_methods_keywords():
    """The .pyi stubs (what mypy checks callers against) list exactly the issue-17
    keywords each method takes."""
    import ast
    import pathlib
    stubs = pathlib.Path(presign.__file__).with_name("_presign.pyi")
    tree = ast.parse(stubs.read_text())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Presigner")
    methods = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
    for method, (_, takes) in TAKES.items():
        stub = methods.get("get" if method == "head" else method)
        assert stub is not None, method
        names = {a.arg for a in stub.args.kwonlyargs + stub.args.args}
        assert names & set(ALL) == set(takes), (method, sorted(names & set(ALL) ^ set(takes)))


def test_copy_object_applies_acl_and_storage_class_without_a_directive(p):
    """Not metadata: S3 applies them on a copy whatever the directives, as the CLI signs them."""
    url = p.copy_object(*COPY, at=AT, storage_class="GLACIER_IR", acl="private")
    assert "x-amz-acl%3Bx-amz-copy-source%3Bx-amz-storage-class" in url
    with pytest.raises(presign.Error, match="^content_type: a copy keeps the source's metadata"):
        p.copy_object(*COPY, at=AT, content_type="text/plain", storage_class="GLACIER_IR")


def test_sigv2_refuses_sse_kms_as_the_cli_does(tmp_path):
    """AWS takes SSE-KMS requests on SigV4 only; SSE-S3 signs."""
    v2 = presign.Presigner(AWS_AK, SECRET, signature="v2")
    with pytest.raises(presign.Error) as e:
        v2.put("b-1", "k", sse="aws:kms", at=AT)
    cli_message, _ = cli_error(tmp_path, ["put", "b-1/k", "--sse", "aws:kms", "--signature", "v2"])
    assert str(e.value) == flag_to_keyword(cli_message)
    assert "x-amz-server-side-encryption=AES256" in v2.put("b-1", "k", sse="AES256", at=AT)


def test_a_copy_onto_itself_warns_unless_it_changes_something(p):
    import warnings
    with pytest.warns(UserWarning, match="onto its own source and changes nothing"):
        assert p.copy_object("b-1", "k", "b-1/k", at=AT).startswith("https://")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for kwargs in ({"storage_class": "GLACIER"}, {"source_version_id": "v1"},
                       {"metadata_directive": "REPLACE", "metadata": {"a": "b"}}, {"sse": "AES256"},
                       {"copy_source_sse_c_key": KEY}):
            assert p.copy_object("b-1", "k", "b-1/k", at=AT, **kwargs).startswith("https://")
