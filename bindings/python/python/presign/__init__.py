"""Presigned S3 URLs (SigV4 and SigV2), byte for byte what boto3 produces, on presign's
Rust core.

    >>> import presign
    >>> p = presign.Presigner("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    >>> p.get("my-bucket", "photos/1.jpg", expires=3600, at="2026-01-01T00:00:00Z")[:52]
    'https://gateway.storjshare.io/my-bucket/photos/1.jpg'

``presign.boto3`` holds the boto3 drop-in (``generate_presigned_url``,
``generate_presigned_post``, ``install``).
"""

from presign._presign import Error, Presigner, Report, __version__, inspect, verify
from presign._types import PostForm

__all__ = ["Error", "PostForm", "Presigner", "Report", "__version__", "inspect", "verify"]
