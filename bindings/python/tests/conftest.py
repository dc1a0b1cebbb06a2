"""Shared by the package's tests: boto3 clients for a configuration, a frozen clock, the
CLI's binary."""

import datetime
import os
import random
from contextlib import contextmanager
from unittest import mock

import botocore.auth
import botocore.session
import botocore.signers
import pytest
from botocore.config import Config

SEED = int(os.environ.get("PRESIGN_TEST_SEED", "20261201"))
AWS_AK = "AKIAIOSFODNN7EXAMPLE"
AWS_SK = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

_SESSION = botocore.session.get_session()
_CLIENTS = {}


def rng(name):
    """A random generator per test, reproducible from PRESIGN_TEST_SEED."""
    return random.Random(f"{SEED}-{name}")


def client(endpoint_url, region, access_key, secret_key, token, signature, addressing):
    """A botocore S3 client with an explicit signature version and addressing style (what
    presign's options mean); clients are cached, creating one costs ~50 ms."""
    key = (endpoint_url, region, access_key, secret_key, token, signature, addressing)
    if key not in _CLIENTS:
        _CLIENTS[key] = _SESSION.create_client(
            "s3",
            region_name=region,
            endpoint_url=endpoint_url,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            aws_session_token=token,
            config=Config(
                signature_version="s3v4" if signature == "v4" else "s3",
                s3={"addressing_style": addressing},
            ),
        )
    return _CLIENTS[key]


@contextmanager
def frozen(epoch):
    """botocore's clocks (SigV4 and POST ask get_current_datetime, SigV2 time.time) at
    `epoch` seconds."""
    now = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=epoch)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=now), \
            mock.patch.object(botocore.signers, "get_current_datetime", return_value=now), \
            mock.patch.object(botocore.auth.time, "time", return_value=float(epoch)):
        yield now


def rfc3339(epoch):
    t = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=epoch)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def cli_binary():
    """The presign binary the harness built (tests/e2e/python.rs), to hold the package to
    the CLI; the test is skipped without it, unless under the harness or CI."""
    binary = os.environ.get("PRESIGN_TEST_CLI")
    if binary is None:
        if os.environ.get("PRESIGN_TEST_HARNESS") or os.environ.get("CI"):
            raise RuntimeError("PRESIGN_TEST_CLI is not set")
        pytest.skip("no presign binary: run through `cargo test --test e2e python::`")
    return binary
