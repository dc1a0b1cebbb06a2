"""Types shared by the native module's stubs and the pure-Python glue."""

from typing import Dict, TypedDict


class PostForm(TypedDict):
    """A browser upload form, as boto3's ``generate_presigned_post`` returns it: post every
    field, then the file as ``file``, last."""

    url: str
    fields: Dict[str, str]
