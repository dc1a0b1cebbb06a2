"""Type stubs for presign's native module (src/*.rs in bindings/python)."""

import os
from datetime import datetime, timedelta
from typing import Iterable, List, Mapping, Optional, Union, final

from presign._types import PostForm

__version__: str

Expires = Union[int, str, timedelta, None]
At = Union[datetime, str, None]
# An SSE-C key: its 32 bytes, or their base64.
CustomerKey = Union[bytes, str, None]
# The KMS encryption context: JSON text, or a dict presign writes as compact JSON.
KmsContext = Union[str, Mapping[str, str], None]

class Error(ValueError):
    """A value presign cannot sign or read, with the CLI's message (never a secret)."""

@final
class Presigner:
    def __init__(
        self,
        access_key: str,
        secret_key: str,
        session_token: Optional[str] = None,
        # None: Storj's global gateway; an AWS access key id raises presign.Error there.
        endpoint: Optional[str] = None,
        region: Optional[str] = None,
        signature: str = "v4",
        addressing: Optional[str] = None,
        *,
        dualstack: bool = False,
        fips: bool = False,
        accelerate: bool = False,
    ) -> None: ...
    # The settings as the CLI resolves them: these keywords, then the profile, the
    # PRESIGN_* and AWS_* variables of os.environ, presign's profile file, the AWS files.
    @classmethod
    def from_env(
        cls,
        profile: Optional[str] = None,
        *,
        access_key: Optional[str] = None,
        secret_key: Optional[str] = None,
        session_token: Optional[str] = None,
        endpoint: Optional[str] = None,
        region: Optional[str] = None,
        signature: Optional[str] = None,
        expires: Expires = None,
        addressing: Optional[str] = None,
        dualstack: Optional[bool] = None,
        fips: Optional[bool] = None,
        accelerate: Optional[bool] = None,
        config_file: Union[str, "os.PathLike[str]", None] = None,
    ) -> "Presigner": ...
    @property
    def access_key(self) -> str: ...
    @property
    def endpoint(self) -> str: ...
    @property
    def region(self) -> str: ...
    @property
    def signature(self) -> str: ...
    @property
    def addressing(self) -> str: ...
    # Seconds: what a method given no expires signs for.
    @property
    def expires(self) -> int: ...
    def get(
        self,
        bucket: str,
        key: str,
        *,
        expires: Expires = None,
        at: At = None,
        version_id: Optional[str] = None,
        download_as: Optional[str] = None,
        response_content_type: Optional[str] = None,
        response_content_disposition: Optional[str] = None,
        response_cache_control: Optional[str] = None,
        response_content_encoding: Optional[str] = None,
        response_content_language: Optional[str] = None,
        response_expires: Optional[str] = None,
        range: Optional[str] = None,
        sse_c_key: CustomerKey = None,
        request_payer: bool = False,
        expected_bucket_owner: Optional[str] = None,
        in_url: bool = False,
    ) -> str: ...
    # The same options as get.
    head = get
    def put(
        self,
        bucket: str,
        key: str,
        *,
        expires: Expires = None,
        at: At = None,
        content_type: Optional[str] = None,
        content_md5: Optional[str] = None,
        checksum_crc32: Optional[str] = None,
        checksum_crc32c: Optional[str] = None,
        checksum_sha1: Optional[str] = None,
        checksum_sha256: Optional[str] = None,
        metadata: Optional[Mapping[str, str]] = None,
        acl: Optional[str] = None,
        cache_control: Optional[str] = None,
        content_disposition: Optional[str] = None,
        content_encoding: Optional[str] = None,
        content_language: Optional[str] = None,
        storage_class: Optional[str] = None,
        tagging: Optional[str] = None,
        if_match: Optional[str] = None,
        if_none_match: Optional[str] = None,
        content_length: Optional[int] = None,
        sse: Optional[str] = None,
        sse_kms_key_id: Optional[str] = None,
        sse_kms_context: KmsContext = None,
        sse_bucket_key: bool = False,
        object_lock_mode: Optional[str] = None,
        object_lock_retain_until: At = None,
        legal_hold: Union[bool, str, None] = None,
        request_payer: bool = False,
        expected_bucket_owner: Optional[str] = None,
        in_url: bool = False,
        sse_c_key: CustomerKey = None,
    ) -> str: ...
    def delete(
        self,
        bucket: str,
        key: str,
        *,
        expires: Expires = None,
        at: At = None,
        version_id: Optional[str] = None,
        request_payer: bool = False,
        expected_bucket_owner: Optional[str] = None,
        in_url: bool = False,
    ) -> str: ...
    def create_multipart_upload(
        self,
        bucket: str,
        key: str,
        *,
        expires: Expires = None,
        at: At = None,
        content_type: Optional[str] = None,
        metadata: Optional[Mapping[str, str]] = None,
        acl: Optional[str] = None,
        cache_control: Optional[str] = None,
        content_disposition: Optional[str] = None,
        content_encoding: Optional[str] = None,
        content_language: Optional[str] = None,
        storage_class: Optional[str] = None,
        tagging: Optional[str] = None,
        sse: Optional[str] = None,
        sse_kms_key_id: Optional[str] = None,
        sse_kms_context: KmsContext = None,
        sse_bucket_key: bool = False,
        object_lock_mode: Optional[str] = None,
        object_lock_retain_until: At = None,
        legal_hold: Union[bool, str, None] = None,
        request_payer: bool = False,
        expected_bucket_owner: Optional[str] = None,
        in_url: bool = False,
        sse_c_key: CustomerKey = None,
    ) -> str: ...
    def upload_part(
        self,
        bucket: str,
        key: str,
        upload_id: str,
        part_number: int,
        *,
        expires: Expires = None,
        at: At = None,
        content_md5: Optional[str] = None,
        checksum_crc32: Optional[str] = None,
        checksum_crc32c: Optional[str] = None,
        checksum_sha1: Optional[str] = None,
        checksum_sha256: Optional[str] = None,
        content_length: Optional[int] = None,
        request_payer: bool = False,
        expected_bucket_owner: Optional[str] = None,
        in_url: bool = False,
        sse_c_key: CustomerKey = None,
    ) -> str: ...
    def complete_multipart_upload(
        self,
        bucket: str,
        key: str,
        upload_id: str,
        *,
        expires: Expires = None,
        at: At = None,
        if_match: Optional[str] = None,
        if_none_match: Optional[str] = None,
        request_payer: bool = False,
        expected_bucket_owner: Optional[str] = None,
        in_url: bool = False,
        sse_c_key: CustomerKey = None,
    ) -> str: ...
    def abort_multipart_upload(
        self,
        bucket: str,
        key: str,
        upload_id: str,
        *,
        expires: Expires = None,
        at: At = None,
        request_payer: bool = False,
        expected_bucket_owner: Optional[str] = None,
        in_url: bool = False,
    ) -> str: ...
    def list_objects(
        self,
        bucket: str,
        prefix: Optional[str] = None,
        *,
        expires: Expires = None,
        at: At = None,
        delimiter: Optional[str] = None,
        max_keys: Optional[int] = None,
        start_after: Optional[str] = None,
        continuation_token: Optional[str] = None,
        fetch_owner: bool = False,
        request_payer: bool = False,
        expected_bucket_owner: Optional[str] = None,
        in_url: bool = False,
    ) -> str: ...
    def copy_object(
        self,
        bucket: str,
        key: str,
        source: str,
        *,
        expires: Expires = None,
        at: At = None,
        content_type: Optional[str] = None,
        metadata: Optional[Mapping[str, str]] = None,
        acl: Optional[str] = None,
        cache_control: Optional[str] = None,
        content_disposition: Optional[str] = None,
        content_encoding: Optional[str] = None,
        content_language: Optional[str] = None,
        storage_class: Optional[str] = None,
        tagging: Optional[str] = None,
        metadata_directive: Optional[str] = None,
        tagging_directive: Optional[str] = None,
        source_version_id: Optional[str] = None,
        copy_source_if_match: Optional[str] = None,
        copy_source_if_none_match: Optional[str] = None,
        copy_source_if_modified_since: Optional[str] = None,
        copy_source_if_unmodified_since: Optional[str] = None,
        copy_source_sse_c_key: CustomerKey = None,
        expected_source_bucket_owner: Optional[str] = None,
        if_match: Optional[str] = None,
        if_none_match: Optional[str] = None,
        sse: Optional[str] = None,
        sse_kms_key_id: Optional[str] = None,
        sse_kms_context: KmsContext = None,
        sse_bucket_key: bool = False,
        object_lock_mode: Optional[str] = None,
        object_lock_retain_until: At = None,
        legal_hold: Union[bool, str, None] = None,
        request_payer: bool = False,
        expected_bucket_owner: Optional[str] = None,
        in_url: bool = False,
        sse_c_key: CustomerKey = None,
    ) -> str: ...
    def upload_part_copy(
        self,
        bucket: str,
        key: str,
        upload_id: str,
        part_number: int,
        source: str,
        *,
        expires: Expires = None,
        at: At = None,
        source_range: Optional[str] = None,
        source_version_id: Optional[str] = None,
        copy_source_if_match: Optional[str] = None,
        copy_source_if_none_match: Optional[str] = None,
        copy_source_if_modified_since: Optional[str] = None,
        copy_source_if_unmodified_since: Optional[str] = None,
        copy_source_sse_c_key: CustomerKey = None,
        expected_source_bucket_owner: Optional[str] = None,
        request_payer: bool = False,
        expected_bucket_owner: Optional[str] = None,
        in_url: bool = False,
        sse_c_key: CustomerKey = None,
    ) -> str: ...
    def get_many(
        self,
        bucket: str,
        keys: Iterable[str],
        *,
        expires: Expires = None,
        at: At = None,
        download_as: Optional[str] = None,
        response_content_type: Optional[str] = None,
        response_content_disposition: Optional[str] = None,
        response_cache_control: Optional[str] = None,
        response_content_encoding: Optional[str] = None,
        response_content_language: Optional[str] = None,
        response_expires: Optional[str] = None,
        range: Optional[str] = None,
        sse_c_key: CustomerKey = None,
        request_payer: bool = False,
        expected_bucket_owner: Optional[str] = None,
        in_url: bool = False,
    ) -> List[str]: ...
    def post(
        self,
        bucket: str,
        key: str,
        *,
        expires: Expires = None,
        at: At = None,
        acl: Optional[str] = None,
        content_type: Optional[str] = None,
        content_type_prefix: Optional[str] = None,
        min_size: Optional[int] = None,
        max_size: Optional[int] = None,
        metadata: Optional[Mapping[str, str]] = None,
        success_status: Optional[int] = None,
        redirect: Optional[str] = None,
        fields: Optional[Mapping[str, str]] = None,
    ) -> PostForm: ...
    @staticmethod
    def _for_boto3(
        credentials: tuple[str, str, Optional[str]],
        location: tuple[str, Optional[str], str, Optional[str]],
    ) -> "Presigner": ...
    def _sign(
        self,
        method: str,
        bucket: str,
        key: Optional[str],
        uploads: bool,
        params: List[tuple[str, str]],
        headers: List[tuple[str, str]],
        expires: int,
        at: int,
    ) -> str: ...
    def _post(
        self, bucket: str, key: str, expires: int, at: int
    ) -> PostForm: ...

@final
class Report:
    @property
    def valid(self) -> bool: ...
    @property
    def method(self) -> Optional[str]: ...
    @property
    def missing_headers(self) -> List[str]: ...
    @property
    def disputed_headers(self) -> List[str]: ...
    @property
    def method_from_query_copies(self) -> Optional[str]: ...
    @property
    def access_key_differs(self) -> bool: ...
    @property
    def refusal(self) -> Optional[str]: ...
    @property
    def timing(self) -> str: ...
    @property
    def seconds(self) -> int: ...
    @property
    def expires_at(self) -> str: ...
    def __bool__(self) -> bool: ...

def inspect(
    url: str, *, endpoint: Optional[str] = None, at: At = None
) -> dict[str, object]: ...
def verify(
    url: str,
    access_key: str,
    secret_key: str,
    *,
    at: At = None,
    headers: Optional[Mapping[str, str]] = None,
    endpoint: Optional[str] = None,
) -> Report: ...
def _panic_for_test() -> None: ...
def _keywords(message: str) -> str: ...
