#!/usr/bin/env python3
"""Regenerates tests/golden/providers.jsonl: presigned URLs for every endpoint preset and
AWS form, as botocore makes them.

Each line is one case: presign's inputs (`endpoint` as `--endpoint` takes it, `region` as
set or null, `dualstack`, `fips`, `accelerate`, `addressing` = auto, path or virtual as
the user asks, `us_east_1_regional` when botocore's us_east_1_regional_endpoint is
`regional`), what botocore was given (`botocore`), and the URL it printed.

For AWS, the host is botocore's own: its endpoint ruleset, given only the region and the
options (no endpoint_url), in path style. Where botocore's presigner prints that host
itself (path style; virtual host in us-east-1, in the other partitions, and for
accelerate) the case uses botocore's URL as is. Elsewhere (virtual host in the aws
partition, and SigV2) botocore prints the global `BUCKET.s3.amazonaws.com` instead, the
host S3 answers with redirects or refuses (boto/boto3#2864, #1982): those cases give
botocore the regional host as endpoint_url, with the same region and addressing. For the
presets, botocore gets the provider's documented host as endpoint_url.

"auto" addressing is botocore's: virtual host for a bucket that can be a host name, path
style for dotted names over https and legacy names.

Usage: python3 tests/golden/providers.py > tests/golden/providers.jsonl
Needs: botocore==1.44.8 (see .ci/run).
"""

import datetime
import itertools
import json
import os
import sys
import urllib.parse
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate as g  # noqa: E402  (the shared operations, keys and credentials)

import botocore  # noqa: E402
import botocore.auth  # noqa: E402
from botocore.config import Config  # noqa: E402

# botocore 1.44.8's partitions.json, region by region, and two regions it does not know.
AWS_REGIONS = [
    "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2",
    "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
    "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1",
    "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1",
    "me-south-1", "me-west-1", "mx-central-1", "sa-east-1", "sa-west-1", "us-east-1",
    "us-east-2", "us-west-1", "us-west-2",
    "cn-north-1", "cn-northwest-1",
    "us-gov-east-1", "us-gov-west-1",
    "us-iso-east-1", "us-iso-west-1", "us-isob-east-1", "us-isob-west-1",
    "eu-isoe-west-1", "us-isof-east-1", "us-isof-south-1",
    "eusc-de-east-1",
    "xx-nowhere-1", "us-iso-north-9",
    # botocore's pseudo regions: us-east-1, and us-west-2 with FIPS.
    "aws-global", "fips-us-west-2",
]
# What AWS has no host for, as botocore's ruleset refuses it (presign refuses these too,
# tests/cli/providers.rs).
# FIPS: only where botocore's endpoints.json has a FIPS S3 endpoint (its ruleset would
# build s3-fips.REGION... for any region).
FIPS_REGIONS = ("ca-central-1", "ca-west-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
                "us-gov-east-1", "us-gov-west-1", "us-iso-east-1", "us-iso-west-1", "us-isob-east-1")
NO_ACCELERATE = ("cn-",)
NO_DUALSTACK = ("eu-isoe-", "us-isof-")

ACCOUNT = "0123456789abcdef0123456789abcdef"
# (presign's --endpoint, botocore's endpoint_url, signing region, default addressing, SigV2)
PRESETS = [
    (f"r2:{ACCOUNT}", f"https://{ACCOUNT}.r2.cloudflarestorage.com", "auto", "path", False),
    (f"r2:{ACCOUNT}:eu", f"https://{ACCOUNT}.eu.r2.cloudflarestorage.com", "auto", "path", False),
    (f"r2:{ACCOUNT}:fedramp", f"https://{ACCOUNT}.fedramp.r2.cloudflarestorage.com", "auto", "path", False),
    (f"r2:{ACCOUNT}:us", f"https://{ACCOUNT}.us.r2.cloudflarestorage.com", "auto", "path", False),
    ("b2:us-west-004", "https://s3.us-west-004.backblazeb2.com", "us-west-004", "path", False),
    ("b2:eu-central-003", "https://s3.eu-central-003.backblazeb2.com", "eu-central-003", "path", False),
    ("gcs", "https://storage.googleapis.com", "auto", "path", True),
    ("wasabi:us-east-1", "https://s3.us-east-1.wasabisys.com", "us-east-1", "path", True),
    ("wasabi:eu-central-1", "https://s3.eu-central-1.wasabisys.com", "eu-central-1", "path", True),
    ("spaces:nyc3", "https://nyc3.digitaloceanspaces.com", "nyc3", "auto", True),
    ("spaces:fra1", "https://fra1.digitaloceanspaces.com", "fra1", "auto", True),
    ("global", "https://gateway.storjshare.io", "us-east-1", "path", True),
    ("us1", "https://gateway.us1.storjshare.io", "us-east-1", "path", True),
    ("eu1", "https://gateway.eu1.storjshare.io", "us-east-1", "path", True),
    ("ap1", "https://gateway.ap1.storjshare.io", "us-east-1", "path", True),
]
BUCKETS = ["my-bucket", "logs.2026", "Legacy_Bucket", "a1b2c3"]
OPERATIONS = list(g.OPERATIONS)

_CLIENTS = {}


def client(region, endpoint_url, style, sig, dualstack=False, fips=False, accelerate=False,
           creds=g.CREDENTIALS[0], token=None, regional=False):
    key = (region, endpoint_url, style, sig, dualstack, fips, accelerate, creds, token, regional)
    if key not in _CLIENTS:
        s3 = {"addressing_style": style}
        if dualstack:
            s3["use_dualstack_endpoint"] = True
        if accelerate:
            s3["use_accelerate_endpoint"] = True
        if regional:
            s3["us_east_1_regional_endpoint"] = "regional"
        _CLIENTS[key] = g._SESSION.create_client(
            "s3", region_name=region, endpoint_url=endpoint_url,
            aws_access_key_id=creds[0], aws_secret_access_key=creds[1], aws_session_token=token,
            config=Config(signature_version="s3v4" if sig == "v4" else "s3", s3=s3,
                          use_fips_endpoint=fips),
        )
    return _CLIENTS[key]


def presigned(c, case):
    now = datetime.datetime.fromisoformat(case["time"].replace("Z", "+00:00"))
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=now), \
            mock.patch.object(botocore.auth.time, "time", return_value=now.timestamp()):
        return c.generate_presigned_url(
            case["operation"], Params=g.botocore_params(case), ExpiresIn=case["expires"])


def virtual_ok(bucket, https=True):
    """botocore's auto: a DNS name, and no '.' under https."""
    return g.host_label_ok(bucket, "https://" if https else "http://")


def aws_host(region, dualstack, fips):
    """The host botocore's ruleset gives in path style: the regional endpoint."""
    c = client(region, None, "path", "v4", dualstack, fips)
    url = c.generate_presigned_url("get_object", Params={"Bucket": "b-1", "Key": "k"})
    return urllib.parse.urlsplit(url).netloc


AWS_VARIANTS = [
    # (dualstack, fips, accelerate, addressing, bucket choice)
    (False, False, False, "auto", 0),
    (False, False, False, "auto", 1),
    (False, False, False, "auto", 2),
    (False, False, False, "path", 0),
    (False, False, False, "virtual", 3),
    (True, False, False, "auto", 0),
    (False, True, False, "auto", 3),
    (True, True, False, "path", 1),
    (False, False, True, "auto", 0),
    (True, False, True, "virtual", 3),
]


def aws_case(i, region, variant, sig):
    """Case number i for AWS in `region` (as set) with `variant` and signature `sig`."""
    dual, fips, acc, addressing, b = variant
    creds = g.CREDENTIALS[i % 2]
    return {
        "endpoint": "aws",
        "region": region,
        "dualstack": dual, "fips": fips, "accelerate": acc,
        "addressing": addressing,
        "signature": sig,
        "bucket": BUCKETS[b],
        "key": g.KEYS[i % len(g.KEYS)],
        **g.operation_case(OPERATIONS[i % len(OPERATIONS)], i),
        "access_key": creds[0], "secret_key": creds[1],
        "session_token": g.TOKENS[i % len(g.TOKENS)],
        "expires": (g.EXPIRES_V4 if sig == "v4" else g.EXPIRES_V2)[i % 5],
        "time": g.TIMES[i % len(g.TIMES)],
    }


def aws_cases(n):
    for region, (dual, fips, acc, addressing, b) in itertools.product(AWS_REGIONS, AWS_VARIANTS):
        if region == "fips-us-west-2" and (fips or acc):
            continue  # FIPS already; botocore refuses accelerate with FIPS.
        if region == "aws-global" and acc and dual:
            # botocore's ruleset prints s3-accelerate.dualstack.us-east-1.amazonaws.com
            # here, a host AWS does not document; presign prints the documented
            # s3-accelerate.dualstack.amazonaws.com, as for every other region.
            continue
        if (fips and region not in FIPS_REGIONS) or (acc and region.startswith(NO_ACCELERATE)) \
                or (dual and region.startswith(NO_DUALSTACK)):
            continue
        i = next(n)
        sig = "v2" if i % 9 == 4 and not (dual or fips or acc) else "v4"
        # Region unset means us-east-1; every other region is set.
        case = aws_case(i, None if region == "us-east-1" and i % 2 else region,
                        (dual, fips, acc, addressing, b), sig)
        yield aws_url(case, region)


def sigv2_drops(case):
    return case["signature"] == "v2" and any(
        not (h[0].lower() in ("content-md5", "content-type") or h[0].lower().startswith("x-amz-"))
        for h in case["headers"])


def aws_url(case, region):
    bucket, acc = case["bucket"], case["accelerate"]
    style = case["addressing"]
    virtual = acc or style == "virtual" or (style == "auto" and virtual_ok(bucket))
    creds = (case["access_key"], case["secret_key"])
    token = case["session_token"]
    direct = client(region, None, "virtual" if acc else style, case["signature"],
                    case["dualstack"], case["fips"], acc, creds, token)
    url = presigned(direct, case)
    used = {"endpoint_url": None, "region": region, "addressing": "virtual" if acc else style}
    if not acc:
        host = aws_host(region, case["dualstack"], case["fips"])
        expected = f"{bucket}.{host}" if virtual else host
        if urllib.parse.urlsplit(url).netloc != expected:
            # botocore's global-host quirk: give it the regional host.
            endpoint_url = f"https://{host}"
            vstyle = "virtual" if virtual else "path"
            c = client(region, endpoint_url, vstyle, case["signature"], creds=creds, token=token)
            url = presigned(c, case)
            used = {"endpoint_url": endpoint_url, "region": region, "addressing": vstyle}
    case["botocore"] = used
    case["url"] = url
    return case


def preset_cases(n):
    for (endpoint, endpoint_url, region, default, v2), op, sig in itertools.product(
            PRESETS, OPERATIONS, ["v4", "v2"]):
        if sig == "v2" and not v2:
            continue
        for addressing in ["auto", ["path", "virtual"][next(n) % 2]]:
            i = next(n)
            bucket = BUCKETS[i % len(BUCKETS)]
            if addressing == "virtual" and not virtual_ok(bucket):
                bucket = "my-bucket"
            style = {"auto": default, "path": "path", "virtual": "virtual"}[addressing]
            if style == "auto":
                style = "virtual" if virtual_ok(bucket) else "path"
            creds = g.CREDENTIALS[i % 2]
            case = {
                "endpoint": endpoint,
                # The preset's region, unset or set to it.
                "region": region if i % 3 == 0 else None,
                "dualstack": False, "fips": False, "accelerate": False,
                "addressing": addressing,
                "signature": sig,
                "bucket": bucket,
                "key": g.KEYS[(i * 7) % len(g.KEYS)],
                **g.operation_case(op, i),
                "access_key": creds[0], "secret_key": creds[1],
                "session_token": g.TOKENS[i % len(g.TOKENS)],
                "expires": (g.EXPIRES_V4 if sig == "v4" else g.EXPIRES_V2)[i % 5],
                "time": g.TIMES[i % len(g.TIMES)],
            }
            c = client(region, endpoint_url, style, sig, creds=creds, token=case["session_token"])
            case["botocore"] = {"endpoint_url": endpoint_url, "region": region, "addressing": style}
            case["url"] = presigned(c, case)
            yield case


def regional_cases(n):
    """us_east_1_regional_endpoint = regional (AWS_S3_US_EAST_1_REGIONAL_ENDPOINT): botocore's
    own URL, given only the region and the options. For us-east-1 set, it prints the
    regional host s3.us-east-1.amazonaws.com; aws-global keeps the global one."""
    # The last variant is accelerate with dualstack, which aws-global resolves to a host AWS
    # does not document (see aws_cases).
    for region, variant, sig in itertools.product(
            ["us-east-1", "aws-global"], AWS_VARIANTS[:-1], ["v4", "v2"]):
        dual, fips, acc, addressing, _ = variant
        if sig == "v2" and (dual or fips or acc):
            continue
        i = next(n)
        case = {**aws_case(i, region, variant, sig), "us_east_1_regional": True}
        creds = (case["access_key"], case["secret_key"])
        bucket = case["bucket"]
        virtual = acc or addressing == "virtual" or (addressing == "auto" and virtual_ok(bucket))
        style = "virtual" if acc else addressing
        c = client(region, None, style, sig, dual, fips, acc, creds, case["session_token"],
                   regional=True)
        case["url"] = presigned(c, case)
        host = urllib.parse.urlsplit(case["url"]).netloc
        if region == "us-east-1" and not (dual or fips or acc):
            want = "s3.us-east-1.amazonaws.com"
            assert host == (f"{bucket}.{want}" if virtual else want), (host, case)
        case["botocore"] = {"endpoint_url": None, "region": region, "addressing": style,
                            "us_east_1_regional_endpoint": "regional"}
        yield case


def main():
    if botocore.__version__ != g.BOTOCORE_VERSION:
        sys.exit(f"botocore {g.BOTOCORE_VERSION} is required, found {botocore.__version__}")
    n = itertools.count()
    all_cases = (c for c in itertools.chain(aws_cases(n), preset_cases(n), regional_cases(n))
                 if not sigv2_drops(c))
    for number, case in enumerate(all_cases, 1):
        what = case["endpoint"].split(":")[0]
        case = {"name": f"provider-{number:04}-{what}-{case['signature']}-{case['operation']}", **case}
        sys.stdout.write(json.dumps(case, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
