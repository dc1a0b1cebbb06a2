#!/usr/bin/env python3
"""Regenerates tests/golden/settings_sources.jsonl: what botocore does with AWS settings
spread over the environment and the AWS shared files.

Each line is one case: the AWS config and credentials files' text, the environment, and
botocore's outcome for `get_object` of b.1/k (or the case's "bucket") at
2026-01-01T00:00:00Z for an hour (SigV4; a dotted bucket by default, so that both sign in
path style and botocore's global-host quirk for virtual hosts outside us-east-1 does not
arise):
- "url": the URL botocore printed, signed with the keys it chose;
- "method": botocore's credential provider (`Session().get_credentials().method`);
- "error": the exception botocore raised instead, if it did;
- "files": more files under HOME, which variables name with ~;
- "rule": where presign follows another rule than botocore's (the region variables), the
  outcome computed under that rule, and "botocore_url" what botocore itself printed.
tests/agree/settings_sources_golden.rs runs the presign binary on each case in a HOME of its
own: the same URL where botocore signs with the files' or the environment's static keys,
a refusal (exit 1) where botocore uses another credential provider or raises.

Usage: python3 tests/golden/settings_sources.py > tests/golden/settings_sources.jsonl
Needs: botocore==1.44.8 (see .ci/run).
"""

import datetime
import itertools
import json
import os
import sys
import tempfile
from unittest import mock

import botocore
import botocore.auth
import botocore.session
from botocore.config import Config

BOTOCORE_VERSION = "1.44.8"
AK = "AKIAIOSFODNN7EXAMPLE"
SK = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
FILE_AK = "AKIAWORKWORKEXAMPLE1"
AT = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
KEYS = f"aws_access_key_id = {FILE_AK}\naws_secret_access_key = {SK}\n"
ENV_KEYS = {"AWS_ACCESS_KEY_ID": AK, "AWS_SECRET_ACCESS_KEY": SK}

# Endpoint settings: (config text, environment), with the AWS keys in the environment.
REGIONS = ["", "region = us-west-2\n", "region = us-east-1\n"]
ENDPOINT_CONFIGS = [
    "",
    "endpoint_url = https://profile.example.com\n",
    "services = my\n",
    "services = my\nendpoint_url = https://profile.example.com\n",
    "services = none\n",
    "services = empty\n",
    "ignore_configured_endpoint_urls = true\nendpoint_url = https://profile.example.com\n",
    "ignore_configured_endpoint_urls = false\nservices = my\n",
    "ignore_configured_endpoint_urls = TRUE\nservices = my\n",
]
SERVICES = ("[services my]\ns3 =\n  endpoint_url = https://svc.example.com:9000\n"
            "[services empty]\n"
            "[services other]\nsqs =\n  endpoint_url = https://sqs.example.com\n")
ENDPOINT_ENVS = [
    {},
    {"AWS_ENDPOINT_URL": "https://global.example.com"},
    {"AWS_ENDPOINT_URL_S3": "https://s3only.example.com",
     "AWS_ENDPOINT_URL": "https://global.example.com"},
    {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
     "AWS_ENDPOINT_URL": "https://global.example.com"},
    {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"},
]
# Switches, with and without an endpoint of one's own.
SWITCHES = [
    ({}, ""),
    ({"AWS_USE_DUALSTACK_ENDPOINT": "true"}, ""),
    ({"AWS_USE_FIPS_ENDPOINT": "true"}, ""),
    ({"AWS_USE_DUALSTACK_ENDPOINT": "false"}, "use_dualstack_endpoint = true\n"),
    ({}, "use_fips_endpoint = true\n"),
    ({}, "s3 =\n  use_dualstack_endpoint = true\n"),
    ({}, "s3 =\n  use_accelerate_endpoint = true\n"),
    ({}, "s3 =\n  addressing_style = path\n"),
    ({}, "s3 =\n  addressing_style = auto\n"),
    ({}, "s3 =\n  addressing_style = pth\n"),
    ({}, "s3 =\n  addressing_style = Virtual\n"),
    ({"AWS_S3_US_EAST_1_REGIONAL_ENDPOINT": "regional"}, ""),
    ({"AWS_S3_US_EAST_1_REGIONAL_ENDPOINT": "legacy"}, "s3_us_east_1_regional_endpoint = regional\n"),
    ({"AWS_S3_US_EAST_1_REGIONAL_ENDPOINT": "Regional"}, ""),
    ({}, "s3_us_east_1_regional_endpoint = regional\n"),
    ({}, "s3 =\n  us_east_1_regional_endpoint = regional\n"),
    ({}, "s3_us_east_1_regional_endpoint = regional\ns3 =\n  us_east_1_regional_endpoint = legacy\n"),
    ({}, "s3_us_east_1_regional_endpoint = bogus\n"),
    ({}, "region = us_west\n"),
]
SWITCH_ENDPOINTS = ["", "endpoint_url = https://minio.example.com\n"]
# Credential providers: (credentials file, config file, environment), no keys in it.
ROLE = "role_arn = arn:aws:iam::123456789012:role/x\nsource_profile = default\n"
SSO = "sso_account_id = 123456789012\nsso_role_name = r\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n"
PROCESS = ("credential_process = echo '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCESSEXAMPLE01\", "
           "\"SecretAccessKey\": \"x\"}'\n")
CHAINS = [
    (f"[default]\n{KEYS}", "[default]\n", {}),
    (f"[default]\n{KEYS}", f"[default]\n{ROLE}", {}),
    (f"[default]\n{KEYS}{ROLE}", "", {}),
    ("", f"[default]\n{KEYS}{ROLE}", {}),
    (f"[work]\n{KEYS}", f"[profile work]\n{ROLE}", {"AWS_PROFILE": "work"}),
    (f"[work]\n{KEYS}", f"[profile work]\n{ROLE}", {"AWS_PROFILE": "work", **ENV_KEYS}),
    (f"[default]\n{KEYS}", f"[default]\n{SSO}", {}),
    (f"[default]\n{KEYS}", "[default]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n", {}),
    (f"[default]\n{KEYS}", "[default]\nweb_identity_token_file = /t\nrole_arn = arn:aws:iam::1:role/x\n", {}),
    (f"[default]\n{KEYS}", "", {"AWS_WEB_IDENTITY_TOKEN_FILE": "/t", "AWS_ROLE_ARN": "arn:aws:iam::1:role/x"}),
    (f"[default]\n{KEYS}", f"[default]\n{PROCESS}", {}),
    ("", f"[default]\n{KEYS}{PROCESS}", {}),
    ("", f"[default]\n{KEYS}login_session = x\n", {}),
    (f"[default]\n{KEYS}", "[default]\nlogin_session = x\n", {}),
    (f"[default]\n{KEYS}", "[default]\nsource_profile = x\n", {}),
    (f"[default]\n{KEYS}", "[default]\ncredential_source = Environment\n", {}),
]


# botocore's own names and rules, each a case: (credentials, config, environment, extra).
# extra may hold "bucket" (default b.1), "files" (more files under HOME, for variables that
# name them with ~) and "rule" (where presign follows another rule than botocore's, with
# the case's outcome computed under that rule; "botocore_url" keeps botocore's own).
OTHER_AK = "AKIAOTHEROTHEREXAMP1"
OTHER_KEYS = f"aws_access_key_id = {OTHER_AK}\naws_secret_access_key = {SK}\n"
REGION_RULE = ("AWS_REGION is read first, as the AWS CLI v2 and the AWS SDKs read it "
               "(botocore reads only AWS_DEFAULT_REGION)")
EMPTY_TOKEN_RULE = ("presign refuses a token key that is there but empty: botocore signs it as "
                    "an empty X-Amz-Security-Token, which S3 refuses")
NAMES = [
    ("", "", {**ENV_KEYS, "AWS_SECURITY_TOKEN": "security-token-a"}, {}),
    ("", "", {**ENV_KEYS, "AWS_SECURITY_TOKEN": "security-token-a",
              "AWS_SESSION_TOKEN": "session-token-b"}, {}),
    ("", "", {**ENV_KEYS, "AWS_SESSION_TOKEN": "session-token-b"}, {}),
    (f"[default]\n{KEYS}aws_security_token = security-token-a\n", "", {}, {}),
    (f"[default]\n{KEYS}aws_security_token = security-token-a\naws_session_token = session-token-b\n",
     "", {}, {}),
    (f"[default]\n{KEYS}aws_security_token =\naws_session_token = session-token-b\n", "", {},
     {"rule": EMPTY_TOKEN_RULE}),
    (f"[default]\n{KEYS}aws_session_token =\n", "", {}, {"rule": EMPTY_TOKEN_RULE}),
    ("", f"[default]\n{KEYS}aws_security_token = security-token-a\n", {}, {}),
    (f"[default]\n{KEYS}[work]\n{OTHER_KEYS}", "", {"AWS_PROFILE": "work"}, {}),
    (f"[default]\n{KEYS}[work]\n{OTHER_KEYS}", "",
     {"AWS_DEFAULT_PROFILE": "work", "AWS_PROFILE": "default"}, {}),
    (f"[default]\n{KEYS}[work]\n{OTHER_KEYS}", "", {"AWS_DEFAULT_PROFILE": "work"}, {}),
    (f"[default]\n{KEYS}[work]\n{OTHER_KEYS}", "",
     {"AWS_DEFAULT_PROFILE": "nosuch", "AWS_PROFILE": "work"}, {}),
    ("", "", {"AWS_CONFIG_FILE": "~/x/aws-config", "AWS_SHARED_CREDENTIALS_FILE": "~/y/creds"},
     {"files": {"x/aws-config": "[default]\nregion = eu-west-1\n", "y/creds": f"[default]\n{KEYS}"}}),
    ("", "", {"AWS_CONFIG_FILE": "~/x/aws-config", **ENV_KEYS},
     {"files": {"x/aws-config": "[default]\nregion = eu-west-1\n"}}),
    ("", "", {**ENV_KEYS, "AWS_ENDPOINT_URL": "https://s3-accelerate.amazonaws.com"},
     {"bucket": "mybucket"}),
    ("", "", {**ENV_KEYS, "AWS_ENDPOINT_URL": "https://s3-accelerate.dualstack.amazonaws.com"},
     {"bucket": "mybucket"}),
    ("", "", {**ENV_KEYS, "AWS_ENDPOINT_URL": "http://s3-accelerate.amazonaws.com"}, {}),
    ("", "", {**ENV_KEYS, "AWS_ENDPOINT_URL": "https://s3-accelerate.amazonaws.com"}, {}),
    ("", "[default]\ns3 =\n  addressing_style = path\n",
     {**ENV_KEYS, "AWS_ENDPOINT_URL": "https://s3-accelerate.amazonaws.com"}, {"bucket": "mybucket"}),
    ("", "", {**ENV_KEYS, "AWS_ENDPOINT_URL": "https://s3-accelerate.amazonaws.com:443"},
     {"bucket": "mybucket"}),
    ("", "", {**ENV_KEYS, "AWS_ENDPOINT_URL_S3": "https://s3-accelerate.amazonaws.com"},
     {"bucket": "mybucket"}),
    ("", "", {**ENV_KEYS, "AWS_REGION": "eu-west-1"}, {"rule": REGION_RULE}),
    ("", "", {**ENV_KEYS, "AWS_DEFAULT_REGION": "eu-west-1"}, {}),
    ("", "", {**ENV_KEYS, "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-west-2"},
     {"rule": REGION_RULE}),
    ("", "[default]\nregion = us-west-2\n", {**ENV_KEYS, "AWS_REGION": "eu-west-1"},
     {"rule": REGION_RULE}),
    ("", "[default]\nregion = us-west-2\n", {**ENV_KEYS, "AWS_DEFAULT_REGION": "eu-west-1"}, {}),
]


def outcome(credentials, config, env, extra=None):
    extra = extra or {}
    with tempfile.TemporaryDirectory() as home:
        for name, text in (("credentials", credentials), ("config", config)):
            with open(os.path.join(home, name), "w") as f:
                f.write(text)
        for rel, text in extra.get("files", {}).items():
            os.makedirs(os.path.dirname(os.path.join(home, rel)), exist_ok=True)
            with open(os.path.join(home, rel), "w") as f:
                f.write(text)
        environ = {"HOME": home, "AWS_CONFIG_FILE": os.path.join(home, "config"),
                   "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "credentials"), **env}
        if extra.get("rule") == REGION_RULE and "AWS_REGION" in env:
            environ["AWS_DEFAULT_REGION"] = env["AWS_REGION"]
        with mock.patch.dict(os.environ, environ, clear=True), \
                mock.patch.object(botocore.auth, "get_current_datetime", return_value=AT), \
                mock.patch.object(botocore.auth.time, "time", return_value=AT.timestamp()):
            session = botocore.session.Session()
            try:
                method = session.get_credentials().method
                if method not in ("env", "shared-credentials-file", "config-file"):
                    return {"method": method}
                c = session.create_client("s3", config=Config(signature_version="s3v4"))
                url = c.generate_presigned_url(
                    "get_object", Params={"Bucket": extra.get("bucket", "b.1"), "Key": "k"},
                    ExpiresIn=3600)
                return {"method": method, "url": url}
            except Exception as e:  # noqa: BLE001 (what botocore raises is the case's outcome)
                return {"error": type(e).__name__}


def cases():
    for region, endpoint, env in itertools.product(REGIONS, ENDPOINT_CONFIGS, ENDPOINT_ENVS):
        yield "", f"[default]\n{region}{endpoint}{SERVICES}", {**ENV_KEYS, **env}, {}
    for region, (env, switch), endpoint in itertools.product(REGIONS, SWITCHES, SWITCH_ENDPOINTS):
        yield "", f"[default]\n{region}{switch}{endpoint}", {**ENV_KEYS, **env}, {}
    for chain in CHAINS:
        yield (*chain, {})
    yield from NAMES


def main():
    if botocore.__version__ != BOTOCORE_VERSION:
        sys.exit(f"botocore {BOTOCORE_VERSION} is required, found {botocore.__version__}")
    for number, (credentials, config, env, extra) in enumerate(cases(), 1):
        case = {"name": f"settings-{number:03}", "credentials": credentials, "config": config,
                "env": env, **outcome(credentials, config, env, extra)}
        if "bucket" in extra:
            case["bucket"] = extra["bucket"]
        if "files" in extra:
            case["files"] = extra["files"]
        if "rule" in extra:
            case["rule"] = extra["rule"]
            botocore_own = outcome(credentials, config, env, {**extra, "rule": None})
            case["botocore_url"] = botocore_own.get("url")
            if extra["rule"] == EMPTY_TOKEN_RULE:
                assert "X-Amz-Security-Token=&" in case.pop("url")
                case["error"] = "refused by presign's rule"
        sys.stdout.write(json.dumps(case, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
