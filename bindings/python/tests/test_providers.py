"""endpoint= is resolved as the CLI resolves --endpoint (issue 15 and 18 meet): every preset
with its own signing region, AWS for the region set with auto addressing, dualstack, fips
and accelerate. Every case of tests/golden/providers.jsonl (made by botocore 1.44.8; the
one source of truth) comes out of the Python package byte for byte, and so does the CLI's
URL for the same settings; the refusals and warnings are the CLI's."""

import json
import os
import pathlib
import re
import subprocess
import warnings

import presign
import pytest

from conftest import AWS_AK, AWS_SK, cli_binary

ROOT = pathlib.Path(__file__).resolve().parents[3]
# The us_east_1_regional cases are the CLI's AWS_S3_US_EAST_1_REGIONAL_ENDPOINT, which the
# package has no keyword for (tests/agree/providers_golden.rs runs them).
CASES = [case for case in map(json.loads, (ROOT / "tests/golden/providers.jsonl").read_text().splitlines())
         if not case.get("us_east_1_regional")]
R2 = "r2:0123456789abcdef0123456789abcdef"
AT = "2026-01-01T00:00:00Z"

# A signed header of a golden case: the keyword that sets it, and the CLI flag.
HEADERS = {
    "content-type": "content_type", "content-md5": "content_md5",
    "x-amz-checksum-crc32": "checksum_crc32", "x-amz-checksum-crc32c": "checksum_crc32c",
    "x-amz-checksum-sha1": "checksum_sha1", "x-amz-checksum-sha256": "checksum_sha256",
    "x-amz-acl": "acl", "cache-control": "cache_control",
    "content-disposition": "content_disposition", "content-encoding": "content_encoding",
    "content-language": "content_language", "x-amz-storage-class": "storage_class",
    "x-amz-tagging": "tagging", "range": "range",
}
PARAMS = {"versionId": "version_id", **{
    f"response-{n}": f"response_{n.replace('-', '_')}"
    for n in ("content-type", "content-disposition", "cache-control", "content-encoding",
              "content-language", "expires")}}
METHODS = {"get_object": "get", "head_object": "head", "put_object": "put",
           "delete_object": "delete", "create_multipart_upload": "create_multipart_upload",
           "upload_part": "upload_part", "complete_multipart_upload": "complete_multipart_upload",
           "abort_multipart_upload": "abort_multipart_upload"}
COMMANDS = {"get_object": ["get"], "head_object": ["head"], "put_object": ["put"],
            "delete_object": ["delete"], "create_multipart_upload": ["multipart", "create"],
            "upload_part": ["multipart", "part"], "complete_multipart_upload": ["multipart", "complete"],
            "abort_multipart_upload": ["multipart", "abort"]}


def settings(case):
    """The Presigner's keywords for the case's settings: the CLI's flags in snake_case."""
    return {
        "session_token": case["session_token"],
        "endpoint": case["endpoint"],
        "region": case["region"],
        "signature": case["signature"],
        "addressing": None if case["addressing"] == "auto" else case["addressing"],
        "dualstack": case["dualstack"],
        "fips": case["fips"],
        "accelerate": case["accelerate"],
    }


def python_url(case):
    p = presign.Presigner(case["access_key"], case["secret_key"], **settings(case))
    params = dict(case["params"])
    args = [case["bucket"], case["key"]]
    if "uploadId" in params:
        args.append(params.pop("uploadId"))
    if "partNumber" in params:
        args.append(int(params.pop("partNumber")))
    kwargs = {PARAMS[name]: value for name, value in params.items()}
    metadata = {}
    for name, value in case["headers"]:
        if name.startswith("x-amz-meta-"):
            metadata[name[len("x-amz-meta-"):]] = value
        else:
            kwargs[HEADERS[name]] = value
    if metadata:
        kwargs["metadata"] = metadata
    return getattr(p, METHODS[case["operation"]])(*args, expires=case["expires"], at=case["time"], **kwargs)


def cli_args(case):
    params = dict(case["params"])
    args = [*COMMANDS[case["operation"]], f"{case['bucket']}/{case['key']}",
            "--endpoint", case["endpoint"], "--signature", case["signature"],
            "--expires", str(case["expires"]), "--at", case["time"]]
    if case["region"] is not None:
        args += ["--region", case["region"]]
    args += [f"--{o}" for o in ("dualstack", "fips", "accelerate") if case[o]]
    args += {"auto": [], "path": ["--path-style"], "virtual": ["--virtual-host"]}[case["addressing"]]
    if case["session_token"] is not None:
        args += ["--session-token", case["session_token"]]
    if "uploadId" in params:
        args += ["--upload-id", params.pop("uploadId")]
    if "partNumber" in params:
        part = params.pop("partNumber")
        args += ["--parts", f"{part}-{part}"]  # `--parts N` is parts 1 to N
    for name, value in params.items():
        args += ["--" + PARAMS[name].replace("_", "-"), value]
    for name, value in case["headers"]:
        if name.startswith("x-amz-meta-"):
            args += ["--meta", f"{name[len('x-amz-meta-'):]}={value}"]
        else:
            args += ["--" + HEADERS[name].replace("_", "-"), value]
    return args




def run_cli(tmp_path, args, access_key=AWS_AK, secret_key=AWS_SK, keys_as_flags=False):
    """The CLI with the keys in PRESIGN_* variables, or, with `keys_as_flags`, as flags
    beside the endpoint's, as the constructor takes them (keys and an endpoint given
    together draw no warning about their providers)."""
    env = {"HOME": str(tmp_path), "PATH": os.environ.get("PATH", "")}
    if keys_as_flags:
        args = [*args, "--access-key", access_key, "--secret-key", secret_key]
    else:
        env.update({"PRESIGN_ACCESS_KEY": access_key, "PRESIGN_SECRET_KEY": secret_key})
    return subprocess.run([cli_binary(), *args], capture_output=True, text=True, env=env)


def test_the_golden_cases_cover_every_preset_and_aws_form():
    prefixes = {c["endpoint"].split(":")[0] for c in CASES}
    assert prefixes >= {p.name.split(":")[0] for p in presign_presets()}
    aws = [c for c in CASES if c["endpoint"] == "aws"]
    for option in ("dualstack", "fips", "accelerate"):
        assert any(c[option] for c in aws), option
    assert {c["addressing"] for c in CASES} == {"auto", "path", "virtual"}
    assert any(c["signature"] == "v2" for c in CASES)


def presign_presets():
    """The presets `presign endpoints -o json` lists (the CLI's table)."""
    class Preset:
        def __init__(self, name):
            self.name = name
    run = run_cli(pathlib.Path("/nonexistent"), ["endpoints", "-o", "json"])
    assert run.returncode == 0, run.stderr
    return [Preset(json.loads(line)["name"]) for line in run.stdout.splitlines()]


def test_every_provider_case_is_botocores_url_byte_for_byte():
    failures = []
    for case in CASES:
        try:
            url = python_url(case)
        except presign.Error as e:
            failures.append(f"{case['name']}: {e}")
            continue
        if url != case["url"]:
            failures.append(f"{case['name']}:\n  botocore {case['url']}\n  presign  {url}")
    assert not failures, f"{len(failures)} of {len(CASES)} differ:\n" + "\n".join(failures[:20])


def test_every_provider_case_is_the_clis_url(tmp_path):
    failures = []
    for case in CASES:
        run = run_cli(tmp_path, cli_args(case), case["access_key"], case["secret_key"])
        assert run.returncode == 0, (case["name"], run.stderr)
        if run.stdout.strip() != python_url(case):
            failures.append(case["name"])
    assert not failures, failures[:20]


def test_aws_preset_with_a_region_no_longer_signs_for_the_us_east_1_host():
    """The issue's defect: endpoint="aws" with region="eu-west-1" signed for the us-east-1 host."""
    p = presign.Presigner(AWS_AK, AWS_SK, endpoint="aws", region="eu-west-1")
    assert (p.endpoint, p.region, p.addressing) == ("https://s3.eu-west-1.amazonaws.com", "eu-west-1", "auto")
    for bucket, base in [("my-bucket", "https://my-bucket.s3.eu-west-1.amazonaws.com/k?"),
                         ("my.bucket", "https://s3.eu-west-1.amazonaws.com/my.bucket/k?"),
                         ("My_Bucket", "https://s3.eu-west-1.amazonaws.com/My_Bucket/k?")]:
        assert p.get(bucket, "k", at=AT).startswith(base)
    for kwargs, base in [
        ({"dualstack": True}, "https://my-bucket.s3.dualstack.eu-west-1.amazonaws.com/k?"),
        ({"region": "us-east-2", "fips": True}, "https://my-bucket.s3-fips.us-east-2.amazonaws.com/k?"),
        ({"region": "fips-us-east-2"}, "https://my-bucket.s3-fips.us-east-2.amazonaws.com/k?"),
        ({"region": "aws-global"}, "https://my-bucket.s3.amazonaws.com/k?"),
        ({"accelerate": True}, "https://my-bucket.s3-accelerate.amazonaws.com/k?"),
        ({"addressing": "path"}, "https://s3.eu-west-1.amazonaws.com/my-bucket/k?"),
    ]:
        q = presign.Presigner(AWS_AK, AWS_SK, endpoint="aws", **{"region": "eu-west-1", **kwargs})
        assert q.get("my-bucket", "k", at=AT).startswith(base), kwargs
    for preset, region in [(R2, "auto"), ("gcs", "auto"), ("b2:us-west-004", "us-west-004"),
                           ("wasabi:eu-central-1", "eu-central-1"), ("spaces:nyc3", "nyc3"),
                           ("eu1", "us-east-1")]:
        assert presign.Presigner(AWS_AK, AWS_SK, endpoint=preset).region == region, preset
    assert presign.Presigner(AWS_AK, AWS_SK, endpoint="spaces:nyc3").addressing == "auto"


def to_python(message):
    """The CLI's message as the package words it: the endpoint has one source there, so
    no "(endpoint from ...)"; a leading `--flag: ` is `flag: `, and a message that starts
    with the option itself gets its keyword in front."""
    message = message.replace(" (endpoint from --endpoint)", "")
    message = re.sub(r"^presign post: ", "endpoint: ", message)
    message = re.sub(r'^bucket "', 'bucket: bucket "', message)
    m = re.match(r"--([a-z-]+)(: | )", message)
    if m is not None:
        keyword = {"path-style": "addressing", "virtual-host": "addressing"}.get(m.group(1), m.group(1))
        if m.group(2) == ": ":
            message = f"{keyword}: {message[m.end():]}"
        else:
            message = f"{keyword}: {message}"
    # The flags the message names, as keywords (test_from_env.py pins the translation).
    return presign._presign._keywords(message)


# (the Presigner's keywords, the method called, the bucket if not my-bucket)
REFUSALS = [
    ({"endpoint": R2, "signature": "v2"}, "get", []),
    ({"endpoint": "b2:us-west-004", "signature": "v2"}, "get", []),
    ({"endpoint": "aws", "accelerate": True, "addressing": "path"}, "get", []),
    ({"endpoint": "aws", "region": "eu-west-1", "fips": True}, "get", []),
    ({"endpoint": "aws", "region": "fips-eu-west-1"}, "get", []),
    ({"endpoint": "aws", "region": "us_east"}, "get", []),
    ({"endpoint": "aws", "region": "cn-north-1", "accelerate": True}, "get", []),
    ({"endpoint": "aws", "region": "eu-isoe-west-1", "dualstack": True}, "get", []),
    ({"endpoint": "aws", "fips": True, "accelerate": True}, "get", []),
    ({"endpoint": "gcs", "dualstack": True}, "get", []),
    ({"endpoint": R2, "fips": True}, "get", []),
    ({"endpoint": "https://s3.example.com", "accelerate": True}, "get", []),
    ({"endpoint": "global", "dualstack": True}, "get", []),
    ({"endpoint": "r2:1234"}, "get", []),
    ({"endpoint": "b2"}, "get", []),
    ({"endpoint": "aws:eu-west-1"}, "get", []),
    ({"endpoint": R2}, "post", []),
    # Refused per bucket, once the addressing is known: named `bucket`, as the CLI's
    # dotted-bucket refusal is.
    ({"endpoint": "aws", "accelerate": True}, "get", ["my.bucket"]),
    ({"endpoint": "aws", "accelerate": True}, "get", ["My_Bucket"]),
    ({"endpoint": "aws", "addressing": "virtual"}, "get", ["my.bucket"]),
    ({"endpoint": "spaces:nyc3", "addressing": "virtual"}, "get", ["my.bucket"]),
]


def flags(kwargs):
    out = []
    for name, value in kwargs.items():
        if value is True:
            out.append(f"--{name}")
        elif name == "addressing":
            out.append({"path": "--path-style", "virtual": "--virtual-host"}[value])
        else:
            out += [f"--{name}", value]
    return out


@pytest.mark.parametrize("kwargs,method,extra", REFUSALS, ids=[" ".join([r[1], *r[2], *flags(r[0])]) for r in REFUSALS])
def test_refusals_are_the_clis(tmp_path, kwargs, method, extra):
    bucket = extra[0] if extra else "my-bucket"
    run = run_cli(tmp_path, [method, f"{bucket}/k", "--at", AT, *flags(kwargs)], keys_as_flags=True)
    assert run.returncode == 2, run.stderr
    message = run.stderr.strip().split("\n")[-1]
    assert message.startswith("presign: error: "), message
    with pytest.raises(presign.Error) as e:
        getattr(presign.Presigner(AWS_AK, AWS_SK, **kwargs), method)(bucket, "k", at=AT)
    assert str(e.value) == to_python(message[len("presign: error: "):])
    assert AWS_SK not in str(e.value)


WARNINGS = [
    {"endpoint": R2, "region": "eu-west-1"},
    {"endpoint": "b2:us-west-004", "region": "us-east-1"},
    {"endpoint": "gcs", "region": "us-east-1"},
    {"endpoint": "wasabi:eu-central-1", "region": "us-east-1"},
    {"endpoint": "spaces:nyc3", "region": "ams3"},
    {"endpoint": "https://s3.eu-west-1.amazonaws.com", "region": "us-west-2"},
]


@pytest.mark.parametrize("kwargs", WARNINGS, ids=[" ".join(flags(w)) for w in WARNINGS])
def test_a_region_against_the_endpoint_warns_as_the_cli_does(tmp_path, kwargs):
    run = run_cli(tmp_path, ["get", "my-bucket/k", "--at", AT, *flags(kwargs)], keys_as_flags=True)
    assert run.returncode == 0, run.stderr
    cli_warning = run.stderr.strip()
    assert cli_warning.startswith("presign: warning: ") and "\n" not in cli_warning
    with pytest.warns(UserWarning) as caught:
        p = presign.Presigner(AWS_AK, AWS_SK, **kwargs)
    expected = re.sub(r" \(from --[a-z]+\)", "", cli_warning[len("presign: warning: "):])
    expected = presign._presign._keywords(expected)
    assert [str(w.message) for w in caught] == [expected]
    assert p.get("my-bucket", "k", at=AT) == run.stdout.strip()
    if kwargs["endpoint"].startswith(("r2:", "b2:")):
        return  # SigV4 only
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        presign.Presigner(AWS_AK, AWS_SK, signature="v2", **kwargs)  # SigV2 signs no region


def test_post_on_b2_warns_and_the_form_is_the_clis(tmp_path):
    run = run_cli(tmp_path, ["post", "my-bucket/k", "--at", AT, "--endpoint", "b2:us-west-004"], keys_as_flags=True)
    assert run.returncode == 0, run.stderr
    p = presign.Presigner(AWS_AK, AWS_SK, endpoint="b2:us-west-004")
    with pytest.warns(UserWarning) as caught:
        form = p.post("my-bucket", "k", at=AT)
    assert [f"presign: warning: {w.message}" for w in caught] == [
        presign._presign._keywords(run.stderr.strip())]
    assert form == json.loads(run.stdout)


def test_aws_options_are_keyword_only_booleans():
    with pytest.raises(TypeError):
        presign.Presigner(AWS_AK, AWS_SK, None, "aws", None, "v4", None, True)
    with pytest.raises(TypeError):
        presign.Presigner(AWS_AK, AWS_SK, endpoint="aws", fips="yes")
