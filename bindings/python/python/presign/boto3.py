"""The boto3 drop-in: ``client.generate_presigned_url`` and ``generate_presigned_post``,
the same strings, signed by presign.

    import presign.boto3
    url = presign.boto3.generate_presigned_url(client, "get_object",
                                               Params={"Bucket": "b", "Key": "k"})
    presign.boto3.install(client)   # client.generate_presigned_url is now the drop-in

It returns exactly what the client's own method would. It reads the client's
credentials (refreshable ones too, on every call, as botocore does), region, resolved
endpoint, signature version and addressing style; caches what it derives per client and
bucket, keyed on what botocore's region redirector has learnt of the bucket (after a
301 on any call, the client's URLs go to the bucket's region, and so do the drop-in's);
and reads the clock botocore reads (``botocore.auth.get_current_datetime`` and
``time.time``), so a frozen clock freezes both. Whatever it does not cover goes to the
client's own method: another ClientMethod, an unknown Param or a value of another type,
``HttpMethod``, event hooks of anyone but botocore's and boto3's on the events of a
presign, an endpoint its ruleset rewrites (ARNs, S3 Express, Outposts), and any value
presign refuses (a SigV2 URL with a header SigV2 cannot sign, an expiry over 7 days
with SigV4, ...). botocore's silent SigV2 default (a client without a
``signature_version``) is not guessed: the signer is asked of botocore's own choice, once
per client and bucket, and followed. It is never wrong, only sometimes not faster.
"""

from __future__ import annotations

import base64
import datetime
import email.utils
import functools
import hashlib
import re
import time
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Tuple, cast
from urllib.parse import urlsplit

# botocore ships no type information.
import botocore.auth  # type: ignore[import-untyped]
import botocore.compat  # type: ignore[import-untyped]
import botocore.handlers  # type: ignore[import-untyped]
import botocore.signers  # type: ignore[import-untyped]
from botocore.utils import ArnParser  # type: ignore[import-untyped]

from presign._presign import Error, Presigner
from presign._types import PostForm

__all__ = ["generate_presigned_url", "generate_presigned_post", "install"]

_EPOCH = datetime.datetime(1970, 1, 1)
# The clock botocore signs with, as it is before anyone patches it.
_BOTOCORE_CLOCK = botocore.compat.get_current_datetime
_DATETIME = datetime.datetime
_TIME = time.time
_SECOND = datetime.timedelta(seconds=1)

# Where each Param goes: ("q", query name), ("h", header name), ("m", None) for the
# Metadata map, ("i", query name) for an int, ("qb", query name) a bool; for a header, ("hi", name) an int, ("hb",
# name) a bool, ("ht", name) a timestamp given as RFC 3339 text in whole seconds (botocore
# writes it back so), ("hd", name) one given as the HTTP date botocore writes, ("k", name)
# an SSE-C key (str or bytes: botocore base64s it and appends its MD5 after every other
# Param; the copy source's MD5 after that), ("c", name) the copy source (str or dict, as
# botocore quotes it).
_DOWNLOAD = {
    "VersionId": ("q", "versionId"),
    "ResponseContentType": ("q", "response-content-type"),
    "ResponseContentDisposition": ("q", "response-content-disposition"),
    "ResponseCacheControl": ("q", "response-cache-control"),
    "ResponseContentEncoding": ("q", "response-content-encoding"),
    "ResponseContentLanguage": ("q", "response-content-language"),
    "Range": ("h", "range"),
}
_INTEGRITY = {
    "ContentMD5": ("h", "content-md5"),
    "ChecksumCRC32": ("h", "x-amz-checksum-crc32"),
    "ChecksumCRC32C": ("h", "x-amz-checksum-crc32c"),
    "ChecksumSHA1": ("h", "x-amz-checksum-sha1"),
    "ChecksumSHA256": ("h", "x-amz-checksum-sha256"),
}
_OBJECT = {
    "ContentType": ("h", "content-type"),
    "Metadata": ("m", None),
    "ACL": ("h", "x-amz-acl"),
    "CacheControl": ("h", "cache-control"),
    "ContentDisposition": ("h", "content-disposition"),
    "ContentEncoding": ("h", "content-encoding"),
    "ContentLanguage": ("h", "content-language"),
    "StorageClass": ("h", "x-amz-storage-class"),
    "Tagging": ("h", "x-amz-tagging"),
}
_UPLOAD_ID = {"UploadId": ("q", "uploadId")}
# Issue 17's Params, as botocore 1.44.8's model has them on each operation.
_CONDITIONS = {"IfMatch": ("h", "if-match"), "IfNoneMatch": ("h", "if-none-match")}
_LENGTH = {"ContentLength": ("hi", "content-length")}
_SSE = {
    "ServerSideEncryption": ("h", "x-amz-server-side-encryption"),
    "SSEKMSKeyId": ("h", "x-amz-server-side-encryption-aws-kms-key-id"),
    "SSEKMSEncryptionContext": ("h", "x-amz-server-side-encryption-context"),
    "BucketKeyEnabled": ("hb", "x-amz-server-side-encryption-bucket-key-enabled"),
}
_SSE_C = {
    "SSECustomerAlgorithm": ("h", "x-amz-server-side-encryption-customer-algorithm"),
    "SSECustomerKey": ("k", "x-amz-server-side-encryption-customer-key"),
}
_LOCK = {
    "ObjectLockMode": ("h", "x-amz-object-lock-mode"),
    "ObjectLockRetainUntilDate": ("ht", "x-amz-object-lock-retain-until-date"),
    "ObjectLockLegalHoldStatus": ("h", "x-amz-object-lock-legal-hold"),
}
_REQUEST = {
    "RequestPayer": ("h", "x-amz-request-payer"),
    "ExpectedBucketOwner": ("h", "x-amz-expected-bucket-owner"),
}
_LIST = {
    "Prefix": ("q", "prefix"),
    "Delimiter": ("q", "delimiter"),
    "MaxKeys": ("i", "max-keys"),
    "StartAfter": ("q", "start-after"),
    "ContinuationToken": ("q", "continuation-token"),
    "FetchOwner": ("qb", "fetch-owner"),
    "EncodingType": ("q", "encoding-type"),
    **_REQUEST,
}
_SSE_C_SOURCE = {
    "CopySourceSSECustomerAlgorithm": (
        "h", "x-amz-copy-source-server-side-encryption-customer-algorithm"),
    "CopySourceSSECustomerKey": ("k", "x-amz-copy-source-server-side-encryption-customer-key"),
}
_COPY_SOURCE = {
    "CopySource": ("c", "x-amz-copy-source"),
    "CopySourceIfMatch": ("h", "x-amz-copy-source-if-match"),
    "CopySourceIfNoneMatch": ("h", "x-amz-copy-source-if-none-match"),
    "CopySourceIfModifiedSince": ("hd", "x-amz-copy-source-if-modified-since"),
    "CopySourceIfUnmodifiedSince": ("hd", "x-amz-copy-source-if-unmodified-since"),
    **_SSE_C_SOURCE,
    "ExpectedSourceBucketOwner": ("h", "x-amz-source-expected-bucket-owner"),
}
_RFC3339_SECONDS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z")


class _Operation:
    __slots__ = ("name", "method", "uploads", "params", "bucket_only", "required")

    def __init__(self, name: str, method: str, params: Mapping[str, Tuple[str, Optional[str]]],
                 uploads: bool = False, bucket_only: bool = False,
                 required: Tuple[str, ...] = ()) -> None:
        self.name = name
        self.method = method
        self.params = params
        self.uploads = uploads
        self.bucket_only = bucket_only  # no Key: a bucket's request
        # Params botocore requires besides Bucket and Key: without one it raises.
        self.required = frozenset(required)


_OPERATIONS = {
    "get_object": _Operation("GetObject", "GET", {**_DOWNLOAD, **_CONDITIONS, **_SSE_C, **_REQUEST}),
    "head_object": _Operation("HeadObject", "HEAD", {**_DOWNLOAD, **_CONDITIONS, **_SSE_C, **_REQUEST}),
    "put_object": _Operation("PutObject", "PUT", {
        **_OBJECT, **_INTEGRITY, **_CONDITIONS, **_LENGTH, **_SSE, **_SSE_C, **_LOCK, **_REQUEST}),
    "delete_object": _Operation("DeleteObject", "DELETE", {
        "VersionId": ("q", "versionId"), "IfMatch": ("h", "if-match"), **_REQUEST}),
    "create_multipart_upload": _Operation(
        "CreateMultipartUpload", "POST", {**_OBJECT, **_SSE, **_SSE_C, **_LOCK, **_REQUEST},
        uploads=True),
    "upload_part": _Operation("UploadPart", "PUT", {
        "PartNumber": ("i", "partNumber"), **_UPLOAD_ID, **_INTEGRITY, **_LENGTH, **_SSE_C,
        **_REQUEST}, required=("PartNumber", "UploadId")),
    "complete_multipart_upload": _Operation(
        "CompleteMultipartUpload", "POST", {**_UPLOAD_ID, **_CONDITIONS, **_SSE_C, **_REQUEST},
        required=("UploadId",)),
    "abort_multipart_upload": _Operation(
        "AbortMultipartUpload", "DELETE", {**_UPLOAD_ID, **_REQUEST}, required=("UploadId",)),
    "list_objects_v2": _Operation("ListObjectsV2", "GET", _LIST, bucket_only=True),
    "copy_object": _Operation("CopyObject", "PUT", {
        **_OBJECT, **_COPY_SOURCE, "MetadataDirective": ("h", "x-amz-metadata-directive"),
        "TaggingDirective": ("h", "x-amz-tagging-directive"), **_CONDITIONS, **_SSE, **_SSE_C,
        **_LOCK, **_REQUEST}, required=("CopySource",)),
    "upload_part_copy": _Operation("UploadPartCopy", "PUT", {
        "PartNumber": ("i", "partNumber"), **_UPLOAD_ID, **_COPY_SOURCE,
        "CopySourceRange": ("h", "x-amz-copy-source-range"), **_SSE_C, **_REQUEST},
        required=("CopySource", "PartNumber", "UploadId")),
}
# The events a presign emits, after those of its operation (botocore/client.py and
# signers.py); a handler on one of them may change the URL.
_EVENTS = ("provide-client-params.s3.{op}", "before-parameter-build.s3.{op}",
           "before-endpoint-resolution.s3", "choose-signer.s3.{signer}",
           "before-sign.s3.{signer}")
_CACHE_LIMIT = 4096

# (endpoint, region, signature, addressing) for one operation on one bucket.
_Location = Tuple[str, str, str, str]


def _module_of(handler: Any) -> str:
    while isinstance(handler, functools.partial):
        handler = handler.func
    handler = getattr(handler, "__func__", handler)
    module = getattr(handler, "__module__", None) or type(handler).__module__
    return module or ""


def _own(module: str) -> bool:
    return module.split(".", 1)[0] in ("botocore", "boto3")


class _State:
    """What the drop-in derived from one client, valid while its handlers stay the same."""

    __slots__ = ("token", "clean", "memories", "locations", "presigners")

    def __init__(self, token: object, clean: FrozenSet[str], memories: Tuple[Any, ...]) -> None:
        self.token = token
        self.clean = clean  # operation names without foreign event handlers
        # The handlers' owners that remember something per bucket in a `_cache` dict:
        # botocore's region redirector (S3RegionRedirectorv2) fills its own when any call
        # is answered with a redirect, and the client then resolves the bucket to that
        # region. A location holds only for what they remembered when it was derived.
        self.memories = memories
        self.locations: Dict[Tuple[str, str, Tuple[Any, ...]], Optional[_Location]] = {}
        self.presigners: Dict[Tuple[Any, _Location], Presigner] = {}

    def learnt(self, bucket: str) -> Tuple[Any, ...]:
        """What each memory holds for `bucket` now (a region, or None)."""
        out = []
        for owner in self.memories:
            memory = getattr(owner, "_cache", None)
            # Replaced by something else than a dict: nothing can be cached for it.
            out.append(memory.get(bucket) if isinstance(memory, dict) else object())
        return tuple(out)


def _token(client: Any) -> object:
    events = client.meta.events
    emitter = getattr(events, "_emitter", events)
    # botocore replaces this dict whenever a handler is registered or unregistered.
    return getattr(emitter, "_lookup_cache", None)


def _derive(client: Any, token: object) -> _State:
    clean = set()
    meta = client.meta
    covered = (
        meta.service_model.service_name == "s3"
        and meta.config.signature_version in ("s3v4", "s3")
        and token is not None
    )
    events = meta.events
    trie = getattr(getattr(events, "_emitter", events), "_handlers", None)
    memories: List[Any] = []
    if covered and trie is not None:
        pairs = [(op.name, op.name) for op in _OPERATIONS.values()] + [("CreateBucket", "PutObject")]
        for op, signer in pairs:
            names = [e.format(op=op, signer=signer) for e in _EVENTS]
            handlers = [h for n in names for h in trie.prefix_search(n)]
            if all(_own(_module_of(h)) for h in handlers):
                clean.add(op)
            for h in handlers:
                owner = getattr(h, "__self__", None)
                if isinstance(getattr(owner, "_cache", None), dict) \
                        and all(owner is not m for m in memories):
                    memories.append(owner)
    state = _State(token, frozenset(clean), tuple(memories))
    client.__dict__["_presign_state"] = state
    return state


def _state(client: Any) -> _State:
    token = _token(client)
    state: Optional[_State] = client.__dict__.get("_presign_state")
    if state is None or state.token is not token:
        state = _derive(client, token)
    return state


def _locate(client: Any, op: str, params: Dict[str, Any], signer_op: str,
            signing_type: str) -> Optional[_Location]:
    """Where botocore sends `op` on this bucket and how it signs it, asked of botocore."""
    bucket = params["Bucket"]
    context = {
        "is_presign_request": True,
        "use_global_endpoint": botocore.signers._should_use_global_endpoint(client),
    }
    model = client.meta.service_model.operation_model(op)
    try:
        params = client._emit_api_params(api_params=params, operation_model=model, context=context)
        url, headers, _ = client._resolve_endpoint_ruleset(
            model, params, context, ignore_signing_region=not ArnParser.is_arn(bucket)
        )
        signer = client._request_signer._choose_signer(signer_op, signing_type, context)
    except Exception:  # botocore refuses it: let botocore say so
        return None
    signing = context.get("signing", {})
    if headers or signing.get("signing_name", "s3") != "s3" or signing.get("request_credentials"):
        return None
    signature = {"s3v4-query": "v4", "s3-query": "v2", "s3v4-presign-post": "v4",
                 "s3-presign-post": "v2"}.get(signer)
    if signature is None:
        return None
    region = signing.get("region") or client._request_signer._region_name
    parts = urlsplit(url)
    if parts.query or parts.fragment:
        return None
    if parts.path in ("", "/") and parts.netloc.startswith(bucket + "."):
        endpoint, addressing = f"{parts.scheme}://{parts.netloc[len(bucket) + 1:]}", "virtual"
    elif parts.path == "/" + bucket:
        endpoint, addressing = f"{parts.scheme}://{parts.netloc}", "path"
    else:
        return None
    return (endpoint, region, signature, addressing)


def _location(client: Any, state: _State, op: str, bucket: str, signer_op: str,
              signing_type: str) -> Optional[_Location]:
    cache_key = (op, bucket, state.learnt(bucket))
    try:
        return state.locations[cache_key]
    except KeyError:
        pass
    params: Dict[str, Any] = {"Bucket": bucket}
    if op not in ("CreateBucket", "ListObjectsV2"):
        params["Key"] = "k"
    location = _locate(client, op, params, signer_op, signing_type)
    if len(state.locations) >= _CACHE_LIMIT:
        state.locations.clear()
    state.locations[cache_key] = location
    return location


def _presigner(client: Any, state: _State, location: _Location) -> Optional[Presigner]:
    credentials = client._request_signer._credentials
    if credentials is None:
        return None
    frozen = credentials.get_frozen_credentials()
    cache_key = (frozen, location)
    presigner = state.presigners.get(cache_key)
    if presigner is None:
        try:
            presigner = Presigner._for_boto3(
                (frozen.access_key, frozen.secret_key, frozen.token), location)
        except Error:
            return None
        if len(state.presigners) >= 16:  # credentials that rotate
            state.presigners.clear()
        state.presigners[cache_key] = presigner
    return presigner


def _now(signature: str, clock: Any) -> int:
    """Whole seconds since the epoch, read as botocore's signer reads them."""
    if signature == "v2":
        # The module botocore's HmacV1QueryAuth reads, looked up as it looks it up.
        return int(botocore.auth.time.time())
    if clock is _BOTOCORE_CLOCK and botocore.compat.datetime.datetime is _DATETIME:
        # botocore's own clock, unpatched: datetime.now(timezone.utc) reads the system
        # clock that time.time reads, and a tenth of the cost. A patched clock (mock,
        # freezegun) is called instead.
        return int(_TIME())
    # botocore formats this datetime's fields with strftime, ignoring any tzinfo.
    now = clock()
    if now.tzinfo is not None:
        now = now.replace(tzinfo=None)
    return int((now - _EPOCH) // _SECOND)


def _whole_seconds_utc(text: str) -> bool:
    """Whether botocore writes this timestamp back as it is: RFC 3339 in UTC, whole
    seconds, a year of four digits (strftime writes no leading zeros)."""
    if not _RFC3339_SECONDS.match(text) or text < "1970":
        return False
    try:
        datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    return True


def _http_date(text: str) -> bool:
    """Whether botocore writes this timestamp back as it is: an HTTP date in GMT."""
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return False
    if when.tzinfo is None or when.utcoffset():
        return False
    written: str = email.utils.formatdate(when.timestamp(), usegmt=True)
    return written == text


def _copy_source(value: Any) -> Optional[str]:
    """x-amz-copy-source as botocore's handle_copy_source_param quotes it, or None."""
    if type(value) is str:
        quoted: str = botocore.handlers._quote_source_header(value)
        return quoted
    if type(value) is dict and all(type(v) is str for v in value.values()) \
            and {"Bucket", "Key"} <= value.keys() <= {"Bucket", "Key", "VersionId"}:
        quoted = botocore.handlers._quote_source_header_from_dict(value)
        return quoted
    return None


def _fast_url(client: Any, method: str, params: Any, expires_in: Any,
              http_method: Any) -> Optional[str]:
    op = _OPERATIONS.get(method)
    if op is None or http_method is not None or type(expires_in) is not int or expires_in < 1:
        return None
    if type(params) is not dict:
        return None
    state = _state(client)
    if op.name not in state.clean:
        return None
    bucket = params.get("Bucket")
    key = params.get("Key")
    if type(bucket) is not str or type(key) is not (type(None) if op.bucket_only else str):
        return None
    if not op.required <= params.keys():  # botocore's ParamValidationError, from botocore
        return None
    # ListObjectsV2's list-type=2 is in its URI, before the Params.
    query: List[Tuple[str, str]] = [("list-type", "2")] if op.bucket_only else []
    headers: List[Tuple[str, str]] = []
    key_md5: List[Tuple[str, str]] = []
    table = op.params
    for name, value in params.items():
        if name == "Bucket" or name == "Key":
            continue
        where = table.get(name)
        if where is None:
            return None
        kind, wire = where
        if kind == "q" and type(value) is str:
            query.append((wire, value))  # type: ignore[arg-type]
        elif kind == "h" and type(value) is str:
            headers.append((wire, value))  # type: ignore[arg-type]
        elif kind == "i" and type(value) is int:
            query.append((wire, str(value)))  # type: ignore[arg-type]
        elif kind == "qb" and type(value) is bool:
            query.append((wire, "true" if value else "false"))  # type: ignore[arg-type]
        elif kind == "hi" and type(value) is int:
            headers.append((wire, str(value)))  # type: ignore[arg-type]
        elif kind == "hb" and type(value) is bool:
            headers.append((wire, "true" if value else "false"))  # type: ignore[arg-type]
        elif kind == "ht" and type(value) is str and _whole_seconds_utc(value):
            headers.append((wire, value))  # type: ignore[arg-type]
        elif kind == "hd" and type(value) is str and _http_date(value):
            headers.append((wire, value))  # type: ignore[arg-type]
        elif kind == "c" and _copy_source(value) is not None:
            headers.append((wire, _copy_source(value)))  # type: ignore[arg-type]
        elif kind == "k" and type(value) in (str, bytes):
            raw = value.encode("utf-8") if type(value) is str else value
            headers.append((wire, base64.b64encode(raw).decode()))  # type: ignore[arg-type]
            md5 = base64.b64encode(hashlib.md5(raw, usedforsecurity=False).digest()).decode()
            key_md5.append((f"{wire}-md5", md5))
        elif kind == "m" and type(value) is dict:
            for k, v in value.items():
                if type(k) is not str or type(v) is not str:
                    return None
                headers.append(("x-amz-meta-" + k, v))
        else:
            return None
    # Where botocore's sse_md5 and copy_source_sse_md5 handlers put them: last, in order.
    headers.extend(sorted(key_md5, key=lambda h: h[0].startswith("x-amz-copy-source-")))
    if op.bucket_only and "EncodingType" not in params:
        query.append(("encoding-type", "url"))  # botocore's handler appends it
    location = _location(client, state, op.name, bucket, op.name, "presign-url")
    if location is None:
        return None
    presigner = _presigner(client, state, location)
    if presigner is None:
        return None
    at = _now(location[2], botocore.auth.get_current_datetime)
    try:
        return presigner._sign(op.method, bucket, key, op.uploads, query, headers, expires_in, at)
    except Error:
        return None


def generate_presigned_url(client: Any, ClientMethod: str, Params: Optional[Mapping[str, Any]] = None,
                           ExpiresIn: int = 3600, HttpMethod: Optional[str] = None) -> str:
    """``client.generate_presigned_url(ClientMethod, Params, ExpiresIn, HttpMethod)``,
    the same string, signed by presign when it covers the call."""
    url = _fast_url(client, ClientMethod, {} if Params is None else Params, ExpiresIn, HttpMethod)
    if url is not None:
        return url
    theirs: str = type(client).generate_presigned_url(
        client, ClientMethod, Params=Params, ExpiresIn=ExpiresIn, HttpMethod=HttpMethod
    )
    return theirs


def _fast_post(client: Any, bucket: Any, key: Any, fields: Any, conditions: Any,
               expires_in: Any) -> Optional[PostForm]:
    if fields or conditions or type(expires_in) is not int or expires_in < 1:
        return None
    if type(bucket) is not str or type(key) is not str:
        return None
    state = _state(client)
    if "CreateBucket" not in state.clean:
        return None
    location = _location(client, state, "CreateBucket", bucket, "PutObject", "presign-post")
    if location is None:
        return None
    presigner = _presigner(client, state, location)
    if presigner is None:
        return None
    # botocore dates the policy with one clock reading and SigV4's x-amz-date with
    # another; a second apart they disagree, and then only botocore can say what it makes.
    at = _now("v4", botocore.signers.get_current_datetime)
    if location[2] == "v4" and _now("v4", botocore.auth.get_current_datetime) != at:
        return None
    try:
        return presigner._post(bucket, key, expires_in, at)
    except Error:
        return None


def generate_presigned_post(client: Any, Bucket: str, Key: str,
                            Fields: Optional[Dict[str, Any]] = None,
                            Conditions: Optional[List[Any]] = None,
                            ExpiresIn: int = 3600) -> Dict[str, Any]:
    """``client.generate_presigned_post(Bucket, Key, Fields, Conditions, ExpiresIn)``, the
    same dict; presign signs it when there are no Fields or Conditions."""
    form = _fast_post(client, Bucket, Key, Fields, Conditions, ExpiresIn)
    if form is not None:
        return cast(Dict[str, Any], form)
    theirs: Dict[str, Any] = type(client).generate_presigned_post(
        client, Bucket, Key, Fields=Fields, Conditions=Conditions, ExpiresIn=ExpiresIn
    )
    return theirs


def install(client: Any) -> Any:
    """Puts the drop-in in place on this one client, for code that calls
    ``client.generate_presigned_url`` itself (django-storages); returns the client."""
    client.generate_presigned_url = functools.partial(generate_presigned_url, client)
    client.generate_presigned_post = functools.partial(generate_presigned_post, client)
    return client
