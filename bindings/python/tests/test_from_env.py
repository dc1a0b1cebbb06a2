"""Presigner.from_env resolves settings as the CLI does: every case of the botocore-decided
settings corpus (tests/golden/settings_sources.jsonl, read as it is now) gives botocore's
URL or a refusal; presign's own settings (PRESIGN_* variables, the profile file, profile=,
the keyword overrides) give the CLI binary's URL, warnings and refusals. The constructor
sends no AWS key to its default endpoint. No message names a CLI flag."""

import base64
import datetime
import json
import os
import pathlib
import re
import subprocess
import warnings
from contextlib import contextmanager
from unittest import mock

import presign
import pytest

from conftest import AWS_AK, AWS_SK, cli_binary

ROOT = pathlib.Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "golden" / "settings_sources.jsonl"
AT = "2026-01-01T00:00:00Z"
# Keys of other shapes: a real-looking AWS key id (not the documented example), Storj's.
AWS_KEY = "AKIAJ7Q2EXAMPLEKEY01"
STORJ_AK = "jwsutdemteo7a3odjeweckixmkra"
STORJ_SK = "j3a2nxbnlmxkfyw4snuoqwy6lwvuuo5kcvxnzvt4pfkcluoqvbwfq"
TOML = ".config/presign/config.toml"


@contextmanager
def environment(home, env):
    """os.environ holding only HOME, PATH and `env`, as the CLI's tests run the binary;
    every warning recorded."""
    values = {"HOME": str(home), "PATH": os.environ.get("PATH", ""), **env}
    with mock.patch.dict(os.environ, values, clear=True), \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def write(home, files):
    for rel, text in files.items():
        path = home / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_every_corpus_case_is_botocores(tmp_path):
    """Each case as tests/agree/settings_sources_golden.rs runs it through the binary: a
    HOME with the case's AWS files, its variables and nothing else."""
    cases = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assert len(cases) >= 250, len(cases)
    failures, signed, refused = [], 0, 0
    for i, case in enumerate(cases):
        home = tmp_path / str(i)
        write(home, {".aws/credentials": case["credentials"], ".aws/config": case["config"],
                     **case.get("files", {})})
        bucket = case.get("bucket") or "b.1"
        with environment(home, case["env"]):
            try:
                url = presign.Presigner.from_env().get(bucket, "k", expires=3600, at=AT)
            except presign.Error as e:
                url, error = None, str(e)
        if case.get("url"):
            signed += 1
            if url != case["url"]:
                failures.append(f"{case['name']} ({case.get('method')}, {case.get('rule')}):\n  botocore {case['url']}"
                                f"\n  presign  {url or error}")
        else:
            refused += 1
            why = case.get("error") or case.get("method")
            if url is not None or "\n" in error:
                failures.append(f"{case['name']}: botocore {why}, presign {url or error!r}")
    print(f"{signed} signed as botocore signs, {refused} refused, of {len(cases)} cases")
    assert signed >= 170 and refused >= 50, (signed, refused)
    assert not failures, f"{len(failures)} of {len(cases)} cases differ:\n" + "\n".join(failures)


def cli_args(profile, kwargs):
    """The CLI's flags for from_env's arguments."""
    args = ["--profile", profile] if profile else []
    for name, value in kwargs.items():
        if value is True:
            args.append("--" + name)
        elif name == "addressing":
            args.append({"path": "--path-style", "virtual": "--virtual-host"}[value])
        elif name == "config_file":
            args += ["--config", str(value)]
        else:
            args += ["--" + name.replace("_", "-"), str(value)]
    return args


AWS_FILES = {
    ".aws/credentials": f"[default]\naws_access_key_id = {AWS_AK}\naws_secret_access_key = {AWS_SK}\n"
                        f"[work]\naws_access_key_id = {AWS_KEY}\naws_secret_access_key = {AWS_SK}\n",
    ".aws/config": "[default]\nregion = eu-west-1\n[profile work]\nregion = ap-south-1\n",
}
STORJ_PROFILE = (f'[profiles.storj]\nendpoint = "eu1"\naccess_key = "{STORJ_AK}"\n'
                 f'secret_key = "{STORJ_SK}"\n')
MINIO_PROFILE = (f'[profiles.minio]\nendpoint = "http://127.0.0.1:9000"\nregion = "eu-central-1"\n'
                 f'access_key = "minio-admin"\nsecret_key = "{STORJ_SK}"\nexpires = "2h"\n')
PRESIGN_KEYS = {"PRESIGN_ACCESS_KEY": STORJ_AK, "PRESIGN_SECRET_KEY": STORJ_SK}

# (name, files under HOME, variables, from_env's profile, its keywords, get's keywords)
OWN_SETTINGS = [
    ("presign-variables", {}, PRESIGN_KEYS, None, {}, {}),
    ("presign-variables-endpoint-region", {},
     {**PRESIGN_KEYS, "PRESIGN_ENDPOINT": "https://s3.example.com:9000", "PRESIGN_REGION": "eu-central-1"},
     None, {}, {}),
    ("presign-session-token", {}, {**PRESIGN_KEYS, "PRESIGN_SESSION_TOKEN": "IQoJb3JpZ2luX2VjEXAMPLE"},
     None, {}, {}),
    ("presign-over-aws-variables", {},
     {**PRESIGN_KEYS, "AWS_ACCESS_KEY_ID": AWS_AK, "AWS_SECRET_ACCESS_KEY": AWS_SK}, None, {}, {}),
    ("aws-variables-sign-for-aws", {}, {"AWS_ACCESS_KEY_ID": AWS_KEY, "AWS_SECRET_ACCESS_KEY": AWS_SK,
                                        "AWS_DEFAULT_REGION": "eu-north-1"}, None, {}, {}),
    ("aws-files", AWS_FILES, {}, None, {}, {}),
    ("aws-files-profile", AWS_FILES, {}, "work", {}, {}),
    ("aws-files-aws-profile-variable", AWS_FILES, {"AWS_PROFILE": "work"}, None, {}, {}),
    ("aws-files-unknown-profile", AWS_FILES, {}, "nosuch", {}, {}),
    ("profile-file-default", {TOML: f'default_profile = "storj"\n{STORJ_PROFILE}{MINIO_PROFILE}'},
     {}, None, {}, {}),
    ("profile-file-override", {TOML: f'default_profile = "storj"\n{STORJ_PROFILE}{MINIO_PROFILE}'},
     {}, "minio", {}, {}),
    ("profile-file-variable", {TOML: f"{STORJ_PROFILE}{MINIO_PROFILE}"},
     {"PRESIGN_PROFILE": "minio"}, None, {}, {}),
    ("profile-file-expires-is-the-default", {TOML: MINIO_PROFILE}, {}, "minio", {}, {"expires": None}),
    ("profile-file-expires-over-7d", {TOML: MINIO_PROFILE.replace('"2h"', '"8d"')}, {}, "minio", {},
     {"expires": None}),
    ("profile-file-unknown-profile", {TOML: STORJ_PROFILE}, {}, "nosuch", {}, {}),
    ("profile-file-not-selected", {TOML: STORJ_PROFILE}, {}, None, {}, {}),
    ("profile-file-and-aws-files", {TOML: STORJ_PROFILE, **AWS_FILES}, {}, "storj", {}, {}),
    ("profile-file-secret-command",
     {TOML: f'[profiles.cmd]\nendpoint = "us1"\naccess_key = "{STORJ_AK}"\n'
            f"secret_key_command = \"printf '%s\\\\n' {STORJ_SK}\"\n"},
     {}, "cmd", {}, {}),
    ("profile-file-failing-command",
     {TOML: f'[profiles.cmd]\naccess_key = "{STORJ_AK}"\nsecret_key_command = "exit 3"\n'},
     {}, "cmd", {}, {}),
    ("profile-file-virtual-host-on-ip",
     {TOML: MINIO_PROFILE + "virtual_host = true\n"}, {}, "minio", {}, {}),
    ("presign-config-variable", {"elsewhere/p.toml": MINIO_PROFILE},
     {"PRESIGN_CONFIG": "{home}/elsewhere/p.toml", "PRESIGN_PROFILE": "minio"}, None, {}, {}),
    ("config-file-keyword", {"elsewhere/p.toml": MINIO_PROFILE}, {}, "minio",
     {"config_file": "{home}/elsewhere/p.toml"}, {}),
    ("config-file-missing", {}, PRESIGN_KEYS, None, {"config_file": "{home}/nosuch.toml"}, {}),
    ("xdg-config-home", {"xdg/presign/config.toml": f'default_profile = "storj"\n{STORJ_PROFILE}'},
     {"XDG_CONFIG_HOME": "{home}/xdg"}, None, {}, {}),
    ("keywords-over-everything", {TOML: f'default_profile = "storj"\n{STORJ_PROFILE}'}, PRESIGN_KEYS,
     None, {"access_key": AWS_AK, "secret_key": AWS_SK, "endpoint": "aws", "region": "eu-west-1"}, {}),
    ("keyword-endpoint-region", {}, PRESIGN_KEYS, None,
     {"endpoint": "https://s3.example.com", "region": "eu-west-3"}, {}),
    ("keyword-signature-v2", {}, PRESIGN_KEYS, None, {"signature": "v2"}, {}),
    ("keyword-addressing-virtual", {}, PRESIGN_KEYS, None,
     {"endpoint": "https://s3.example.com", "addressing": "virtual"}, {}),
    ("keyword-addressing-path", AWS_FILES, {}, None, {"addressing": "path"}, {}),
    ("keyword-dualstack-fips", AWS_FILES, {}, None, {"region": "us-east-2", "dualstack": True,
                                                     "fips": True}, {}),
    ("keyword-accelerate", AWS_FILES, {}, None, {"accelerate": True}, {"bucket": "b-1"}),
    ("keyword-expires", {}, PRESIGN_KEYS, None, {"expires": "15m"}, {"expires": None}),
    ("keyword-expires-over-7d", {}, PRESIGN_KEYS, None, {"expires": "8d"}, {"expires": None}),
    ("keyword-session-token", {}, PRESIGN_KEYS, None, {"session_token": "IQoJb3JpZ2luX2VjEXAMPLE"}, {}),
    ("keyword-bad-region", {}, PRESIGN_KEYS, None, {"region": "us/east"}, {}),
    ("keyword-unknown-endpoint", {}, PRESIGN_KEYS, None, {"endpoint": "storj-eu"}, {}),
    ("keyword-aws-option-elsewhere", {}, PRESIGN_KEYS, None, {"dualstack": True}, {}),
    ("keyword-path-with-accelerate", AWS_FILES, {}, None, {"addressing": "path", "accelerate": True},
     {}),
    ("no-credentials", {}, {}, None, {}, {}),
    ("secret-without-access-key", {}, {"PRESIGN_SECRET_KEY": STORJ_SK}, None, {}, {}),
    # Keys and endpoints of different providers.
    ("aws-variables-meet-a-storj-profile", {TOML: f'default_profile = "storj"\n{STORJ_PROFILE}'},
     {"AWS_ACCESS_KEY_ID": AWS_KEY, "AWS_SECRET_ACCESS_KEY": AWS_SK}, None, {}, {}),
    ("storj-profile-with-endpoint-aws", {TOML: f'default_profile = "storj"\n{STORJ_PROFILE}'}, {},
     None, {"endpoint": "aws"}, {}),
    ("aws-key-in-presign-variables-no-endpoint", {},
     {"PRESIGN_ACCESS_KEY": AWS_KEY, "PRESIGN_SECRET_KEY": AWS_SK}, None, {}, {}),
    ("aws-key-keyword-with-storj-endpoint", {}, {}, None,
     {"access_key": AWS_KEY, "secret_key": AWS_SK, "endpoint": "us1"}, {}),
    ("expiring-aws-keys", {}, {"AWS_ACCESS_KEY_ID": AWS_KEY, "AWS_SECRET_ACCESS_KEY": AWS_SK,
                                "AWS_SESSION_TOKEN": "IQoJb3JpZ2luX2VjEXAMPLE",
                                "AWS_CREDENTIAL_EXPIRATION": "{in 10 minutes}"}, None, {}, {}),
    ("aws-sso-profile", {".aws/config": "[profile sso]\nsso_account_id = 1\nsso_role_name = r\n"}, {},
     "sso", {}, {}),
]


def fill(value, home, now):
    if not isinstance(value, str):
        return value
    soon = (now + datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.replace("{home}", str(home)).replace("{in 10 minutes}", soon)


@pytest.mark.parametrize("name,files,env,profile,kwargs,get", OWN_SETTINGS,
                         ids=[c[0] for c in OWN_SETTINGS])
def test_own_settings_are_the_clis(tmp_path, name, files, env, profile, kwargs, get):
    """The binary and from_env on one HOME and one set of variables: the same URL, or both
    refuse; the same number of warnings."""
    binary = cli_binary()
    home = tmp_path / "home"
    home.mkdir()
    write(home, files)
    (home / TOML).parent.mkdir(parents=True, exist_ok=True)
    if (home / TOML).exists():
        (home / TOML).chmod(0o600)
    now = datetime.datetime.now(datetime.timezone.utc)
    env = {k: fill(v, home, now) for k, v in env.items()}
    kwargs = {k: fill(v, home, now) for k, v in kwargs.items()}
    bucket = get.get("bucket", "b.1")
    # Without `expires`, each side signs for the settings' default expiry.
    cli_expires = [] if "expires" in get else ["--expires", "3600"]
    # The signing instant is now, as the expiring keys' warning is judged against it.
    run = subprocess.run(
        [binary, "get", f"{bucket}/k", *cli_expires, *cli_args(profile, kwargs)],
        capture_output=True, text=True,
        env={"HOME": str(home), "PATH": os.environ.get("PATH", ""), **env})
    cli_warnings = [line for line in run.stderr.splitlines() if line.startswith("presign: warning: ")]
    with environment(home, env) as caught:
        try:
            p = presign.Presigner.from_env(profile, **kwargs)
            at = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
            url = p.get(bucket, "k", at=at, **({} if "expires" in get else {"expires": 3600}))
            error = None
        except presign.Error as e:
            url, error = None, str(e)
    messages = [str(w.message) for w in caught]
    if run.returncode == 0:
        assert error is None, f"the CLI signs ({run.stdout.strip()}), from_env refuses: {error}"
        # Signed a second apart at most: compare all but the date and the signature.
        assert same_but_time(url, run.stdout.strip()), (url, run.stdout)
    else:
        assert url is None, f"the CLI refuses ({run.stderr.strip()}), from_env signs {url}"
        assert "\n" not in error
        assert not re.search(r"--[a-z]", without_aws_commands(error)), error
    assert len(messages) == len(cli_warnings), (messages, cli_warnings)
    for message in messages:
        assert not re.search(r"--[a-z]", message), message


def same_but_time(a, b):
    """Whether two URLs signed a moment apart are the same request: equal but for the
    signing date and what it changes (the signature, SigV2's expiry time)."""
    def norm(url):
        url = re.sub(r"\d{8}(T\d{6}Z)?", "DATE", url)
        return re.sub(r"([?&])(Expires|Signature|X-Amz-Signature)=[^&]*", r"\1\2=", url)
    return a is not None and norm(a) == norm(b)


def test_from_env_reads_os_environ_and_the_profile_files_expires(tmp_path):
    write(tmp_path, {TOML: MINIO_PROFILE})
    (tmp_path / TOML).chmod(0o600)
    with environment(tmp_path, {"PRESIGN_PROFILE": "minio"}) as caught:
        p = presign.Presigner.from_env()
    assert not caught
    assert (p.endpoint, p.region, p.access_key, p.expires) == (
        "http://127.0.0.1:9000", "eu-central-1", "minio-admin", 7200)
    assert "X-Amz-Expires=7200&" in p.get("b-1", "k", at=AT)
    assert "X-Amz-Expires=60&" in p.get("b-1", "k", at=AT, expires=60)
    assert "X-Amz-Expires=7200&" in p.put("b-1", "k", at=AT)
    policy = json.loads(base64.b64decode(p.post("b-1", "k", at=AT)["fields"]["policy"]))
    assert policy["expiration"] == "2026-01-01T02:00:00Z"
    # The constructor's default stays an hour.
    assert presign.Presigner(AWS_AK, AWS_SK).expires == 3600


def test_from_env_takes_the_constructors_keywords_and_no_other(tmp_path):
    write(tmp_path, {"p.toml": ""})
    with environment(tmp_path, {}):
        with pytest.raises(TypeError, match="from_env\\(\\) got an unexpected keyword argument 'bucket'"):
            presign.Presigner.from_env(bucket="b")
        for keyword, value, expected in [
            ("region", 5, "region: expected str, not int"),
            ("dualstack", 1, "dualstack: expected bool, not int"),
            ("config_file", 5, "config_file: expected a path (str or os.PathLike), not int"),
        ]:
            with pytest.raises(TypeError, match=re.escape(expected)):
                presign.Presigner.from_env(access_key=AWS_AK, secret_key=AWS_SK, **{keyword: value})
        with pytest.raises(TypeError):
            presign.Presigner.from_env(5)
        p = presign.Presigner.from_env(None, access_key=AWS_AK, secret_key=AWS_SK, endpoint="aws",
                                       region="eu-west-1", signature="v4", expires=None,
                                       addressing="path", dualstack=None, fips=False,
                                       accelerate=None, config_file=tmp_path / "p.toml",
                                       session_token=None)
    assert (p.endpoint, p.region, p.addressing) == ("https://s3.eu-west-1.amazonaws.com",
                                                    "eu-west-1", "path")


def test_settings_errors_name_keywords_and_where_values_came_from(tmp_path):
    write(tmp_path, {TOML: MINIO_PROFILE.replace('"2h"', '"8d"')})
    (tmp_path / TOML).chmod(0o600)
    with environment(tmp_path, {}):
        with pytest.raises(presign.Error) as e:
            presign.Presigner.from_env("minio")
        assert "in profile" in str(e.value) and 'expires="7d" or less' in str(e.value), str(e.value)
        with pytest.raises(presign.Error) as e:
            presign.Presigner.from_env(access_key=AWS_AK, secret_key=AWS_SK, expires="8d")
        assert str(e.value).startswith("expires: expiry of 691200 s is too long for SigV4"), str(e.value)
        with pytest.raises(presign.Error) as e:
            presign.Presigner.from_env()
        assert str(e.value).startswith("no credentials found; looked at: access_key=/secret_key=")
        assert "Pass access_key= and secret_key=" in str(e.value), str(e.value)
        with pytest.raises(presign.Error, match='unknown profile "nosuch"'):
            presign.Presigner.from_env("nosuch")


def test_an_aws_key_never_goes_to_the_default_endpoint():
    with pytest.raises(presign.Error) as e:
        presign.Presigner(AWS_KEY, AWS_SK)
    message = str(e.value)
    assert message.startswith(f'access_key: "{AWS_KEY}" is an AWS access key id, but no endpoint')
    assert "Storj (https://gateway.storjshare.io)" in message and 'endpoint="aws"' in message
    for key in ("ASIAJ7Q2EXAMPLEKEY01",):
        with pytest.raises(presign.Error):
            presign.Presigner(key, AWS_SK, "IQoJb3JpZ2luX2VjEXAMPLE")
    # With an endpoint, AWS's or another, the caller chose: no refusal, no warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert presign.Presigner(AWS_KEY, AWS_SK, endpoint="aws").endpoint == "https://s3.amazonaws.com"
        assert presign.Presigner(AWS_KEY, AWS_SK, endpoint="global").endpoint == "https://gateway.storjshare.io"
        # AWS's documented example key id, which examples use everywhere; keys of other
        # shapes (lower case, 19 or 21 characters, another prefix).
        for key in (AWS_AK, STORJ_AK, "AKIAJ7Q2EXAMPLEKEY0", "AKIAJ7Q2EXAMPLEKEY012", "AKIAj7q2examplekey01",
                    "AGPAJ7Q2EXAMPLEKEY01"):
            assert presign.Presigner(key, AWS_SK).endpoint == "https://gateway.storjshare.io", key


def without_aws_commands(message):
    """The message without the AWS CLI's own command lines, whose flags are that program's."""
    return re.sub(r"\(aws configure [^)]*\)", "", message)


R2 = "r2:0123456789abcdef0123456789abcdef"


def bad_calls(home):
    """Calls that raise presign.Error or warn, one for each refusal and warning the library
    words with a flag, and more: every family of messages the package passes on."""
    P = presign.Presigner
    p = P(AWS_AK, AWS_SK)
    aws = P(AWS_AK, AWS_SK, endpoint="aws")
    v2 = P(AWS_AK, AWS_SK, signature="v2")
    key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    env_keys = {"PRESIGN_ACCESS_KEY": AWS_AK, "PRESIGN_SECRET_KEY": AWS_SK}

    def from_env(env, *args, **kwargs):
        def call():
            values = {"HOME": str(home), "PATH": os.environ.get("PATH", ""), **env}
            with mock.patch.dict(os.environ, values, clear=True):
                return P.from_env(*args, **kwargs)
        return call

    return [
        # The constructor: endpoints, regions, AWS options, SigV2, keys.
        lambda: P(AWS_KEY, AWS_SK),
        lambda: P(AWS_AK, AWS_SK, endpoint="nope"),
        lambda: P(AWS_AK, AWS_SK, endpoint="gcs:eu"),
        lambda: P(AWS_AK, AWS_SK, endpoint="https://me:pw@s3.example.com"),
        lambda: P(AWS_AK, AWS_SK, endpoint="global", dualstack=True),
        lambda: P(AWS_AK, AWS_SK, endpoint=R2, fips=True),
        lambda: P(AWS_AK, AWS_SK, endpoint="https://s3.example.com", accelerate=True),
        lambda: P(AWS_AK, AWS_SK, endpoint=R2, signature="v2"),
        lambda: P(AWS_AK, AWS_SK, endpoint="b2:us-west-004", signature="v2"),
        lambda: P(AWS_AK, AWS_SK, endpoint="aws", accelerate=True, addressing="path"),
        lambda: P(AWS_AK, AWS_SK, endpoint="aws", region="eu-west-1", fips=True),
        lambda: P(AWS_AK, AWS_SK, endpoint="aws", region="cn-north-1", fips=True),
        lambda: P(AWS_AK, AWS_SK, endpoint="aws", region="us-gov-west-1", dualstack=True, fips=True,
                  accelerate=True),
        lambda: P(AWS_AK, AWS_SK, endpoint="aws", region="cn-north-1", accelerate=True),
        lambda: P(AWS_AK, AWS_SK, endpoint="aws", region="eu-isoe-west-1", dualstack=True),
        lambda: P(AWS_AK, AWS_SK, endpoint="aws", region="us-isob-east-1", fips=True, accelerate=True),
        lambda: P(AWS_AK, AWS_SK, endpoint="aws", fips=True, accelerate=True),
        lambda: P(AWS_AK, AWS_SK, endpoint="aws", region="us_east"),
        lambda: P(AWS_AK, AWS_SK, endpoint="aws:eu-west-1"),
        lambda: P(AWS_AK, AWS_SK, endpoint=R2, region="eu-west-1"),
        lambda: P(AWS_AK, AWS_SK, signature="v3"),
        lambda: P(AWS_AK, AWS_SK, addressing="sideways"),
        lambda: P("AK/X", AWS_SK),
        lambda: P(AWS_SK, AWS_AK),
        # Per URL: buckets, keys, expiry, times, SigV2's limits.
        lambda: p.get("b", "k", expires="8d"),
        lambda: p.get("b", "k", expires="1y"),
        lambda: p.get("b", "k", expires=0),
        lambda: p.get("b", "k", at="yesterday"),
        lambda: p.get("bad!bucket", "k"),
        lambda: p.get("b", ""),
        lambda: P(AWS_AK, AWS_SK, endpoint="aws", accelerate=True).get("my.bucket", "k"),
        lambda: P(AWS_AK, AWS_SK, addressing="virtual").get("my.bucket", "k"),
        lambda: P(AWS_AK, AWS_SK, endpoint="http://10.0.0.1:9000", addressing="virtual").get("b-1", "k"),
        lambda: v2.put("b", "k", cache_control="no-cache"),
        lambda: v2.get("b", "k", range="bytes=0-9"),
        lambda: v2.list_objects("b", "p/", fetch_owner=True),
        lambda: v2.get("b", "k", in_url=True, request_payer=True),
        lambda: v2.put("b", "k", sse_c_key=key),
        lambda: v2.put("b", "k", sse="aws:kms"),
        # Request options: each check that names another option.
        lambda: aws.put("b", "k", if_none_match="etag"),
        lambda: aws.put("b", "k", sse_kms_key_id="alias/k"),
        lambda: aws.put("b", "k", sse_kms_context={"a": "b"}, sse="AES256"),
        lambda: aws.put("b", "k", sse_bucket_key=True),
        lambda: aws.put("b", "k", sse_c_key=key, sse="AES256"),
        lambda: aws.put("b", "k", sse_bucket_key=True, sse="aws:kms:dsse"),
        lambda: aws.put("b", "k", object_lock_mode="GOVERNANCE"),
        lambda: aws.put("b", "k", object_lock_retain_until="2027-01-01T00:00:00Z"),
        lambda: aws.put("b", "k", content_length=-1),
        lambda: aws.copy_object("b", "k", "b/k"),
        lambda: aws.copy_object("b", "k", "s/a", tagging="a=b"),
        lambda: aws.copy_object("b", "k", "s/a", content_type="text/plain"),
        lambda: aws.copy_object("b", "k", "nobucket"),
        lambda: aws.upload_part("b", "k", "U", 10001),
        # POST forms.
        lambda: p.post("b", "k", fields={"acl": "public-read"}),
        lambda: p.post("b", "k", fields={"Content-Type": "text/plain"}),
        lambda: p.post("b", "k", fields={"success_action_status": "201"}),
        lambda: p.post("b", "k", fields={"success_action_redirect": "https://x"}),
        lambda: p.post("b", "k", fields={"x-amz-meta-a": "b"}),
        lambda: p.post("b", "k", fields={"policy": "x"}),
        lambda: P(AWS_AK, AWS_SK, endpoint=R2).post("b", "k"),
        lambda: P(AWS_AK, AWS_SK, endpoint="b2:us-west-004").post("b", "k"),
        # Reading URLs back.
        lambda: presign.inspect("not a url"),
        lambda: presign.verify("https://s3.amazonaws.com/b/k", AWS_AK, AWS_SK),
        # Settings: every source, and keys meeting another provider's endpoint.
        from_env({}),
        from_env(env_keys, expires="8d"),
        from_env(env_keys, expires="8d", signature="v4"),
        from_env(env_keys, region="us/east"),
        from_env(env_keys, endpoint="nope"),
        from_env(env_keys, endpoint="gcs:x"),
        from_env(env_keys, signature="v3"),
        from_env(env_keys, addressing="virtual", endpoint="http://10.0.0.1:9000"),
        from_env(env_keys, endpoint="global", dualstack=True),
        from_env(env_keys, endpoint="aws", region="eu-west-1", fips=True),
        from_env(env_keys, endpoint="aws", accelerate=True, addressing="path"),
        from_env(env_keys, endpoint=R2, signature="v2"),
        from_env(env_keys, endpoint=R2, region="eu-west-1"),
        from_env(env_keys, endpoint="https://me:pw@s3.example.com"),
        from_env(env_keys, "nosuch"),
        from_env(env_keys, config_file=str(home / "nosuch.toml")),
        from_env({"PRESIGN_SECRET_KEY": AWS_SK}),
        from_env({"PRESIGN_ACCESS_KEY": AWS_KEY, "PRESIGN_SECRET_KEY": AWS_SK}),
        from_env({"PRESIGN_ACCESS_KEY": AWS_AK, "PRESIGN_SECRET_KEY": AWS_SK,
                  "PRESIGN_ENDPOINT": "http://10.0.0.1:9000"}, addressing="virtual"),
        from_env({"AWS_ACCESS_KEY_ID": AWS_KEY, "AWS_SECRET_ACCESS_KEY": AWS_SK, "AWS_REGION": "eu-west-1",
                  "AWS_USE_FIPS_ENDPOINT": "true"}),
        from_env({"AWS_ACCESS_KEY_ID": AWS_KEY, "AWS_SECRET_ACCESS_KEY": AWS_SK,
                  "AWS_USE_DUALSTACK_ENDPOINT": "yes"}),
        from_env({"AWS_ACCESS_KEY_ID": AWS_KEY, "AWS_SECRET_ACCESS_KEY": AWS_SK,
                  "AWS_USE_DUALSTACK_ENDPOINT": "true"}, endpoint="global"),
        from_env({"AWS_ACCESS_KEY_ID": AWS_KEY, "AWS_SECRET_ACCESS_KEY": AWS_SK,
                  "AWS_CREDENTIAL_EXPIRATION": "2000-01-01T00:00:00Z"}),
        from_env({"AWS_ACCESS_KEY_ID": AWS_KEY, "AWS_SECRET_ACCESS_KEY": AWS_SK,
                  "AWS_CREDENTIAL_EXPIRATION": (datetime.datetime.now(datetime.timezone.utc)
                                                + datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ")}),
        from_env({"AWS_ACCESS_KEY_ID": AWS_KEY, "AWS_SECRET_ACCESS_KEY": AWS_SK}, endpoint="us1"),
        from_env({"AWS_ACCESS_KEY_ID": STORJ_AK, "AWS_SECRET_ACCESS_KEY": STORJ_SK}, endpoint="aws"),
        from_env({"AWS_ACCESS_KEY_ID": AWS_KEY, "AWS_SECRET_ACCESS_KEY": AWS_SK,
                  "PRESIGN_CONFIG": str(home / "storj.toml")}),
        from_env({"PRESIGN_CONFIG": str(home / "storj.toml")}, endpoint="aws"),
        from_env({"PRESIGN_CONFIG": str(home / "storj.toml")}, signature="v2", endpoint="b2:us-west-004"),
        from_env({"PRESIGN_CONFIG": str(home / "bad.toml")}),
        from_env({"PRESIGN_CONFIG": str(home / "sigv2.toml")}),
        from_env({"PRESIGN_CONFIG": str(home / "vhost-ip.toml")}),
        from_env({"PRESIGN_CONFIG": str(home / "aws-opts.toml")}),
        from_env({"PRESIGN_CONFIG": str(home / "accel-path.toml")}),
        from_env({"PRESIGN_CONFIG": str(home / "pasted-secret.toml")}),
        from_env({"PRESIGN_CONFIG": str(home / "storj.toml")}, "nosuch"),
        from_env({"AWS_ACCESS_KEY_ID": AWS_AK, "AWS_SECRET_ACCESS_KEY": AWS_SK,
                  "PRESIGN_CONFIG": str(home / "unselected.toml")}),
        from_env({"AWS_PROFILE": "sso"}),
        from_env({"AWS_PROFILE": "sso"}, endpoint="aws"),
    ]


SETTINGS_FILES = {
    "storj.toml": f'default_profile = "storj"\n{STORJ_PROFILE}',
    "unselected.toml": STORJ_PROFILE,
    "bad.toml": "default_profile = [\n",
    "sigv2.toml": f'default_profile = "r2"\n[profiles.r2]\nendpoint = "{R2}"\nsignature = "v2"\n'
                  f'access_key = "{STORJ_AK}"\nsecret_key = "{STORJ_SK}"\n',
    "vhost-ip.toml": MINIO_PROFILE.replace("[profiles.minio]", 'default_profile = "minio"\n[profiles.minio]')
                     + "virtual_host = true\n",
    "aws-opts.toml": f'default_profile = "g"\n[profiles.g]\nendpoint = "gcs"\ndualstack = true\n'
                     f'access_key = "{STORJ_AK}"\nsecret_key = "{STORJ_SK}"\n',
    "accel-path.toml": f'default_profile = "a"\n[profiles.a]\nendpoint = "aws"\naccelerate = true\n'
                       f'virtual_host = false\naccess_key = "{AWS_AK}"\nsecret_key = "{AWS_SK}"\n',
    "pasted-secret.toml": f'default_profile = "p"\n[profiles.p]\naccess_key = "{STORJ_AK}"\n'
                          f'secret_key_command = "{STORJ_SK}"\n',
    ".aws/config": "[profile sso]\nsso_account_id = 1\nsso_role_name = r\n",
}


def test_no_message_names_a_cli_flag(tmp_path):
    """Every refusal and warning reached here, from the constructor, the methods, the
    settings and the readers, names keywords (`expires="7d"`, `addressing="path"`,
    `dualstack=True`), never a flag of the CLI's (`--expires`)."""
    write(tmp_path, SETTINGS_FILES)
    for name in SETTINGS_FILES:
        (tmp_path / name).chmod(0o600)
    messages, silent = [], []
    for i, call in enumerate(bad_calls(tmp_path)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                call()
            except presign.Error as e:
                messages.append((i, str(e)))
            else:
                if not caught:
                    silent.append(i)
        messages += [(i, str(w.message)) for w in caught]
    assert not silent, f"calls {silent} neither raised nor warned"
    flagged = [(i, m) for i, m in messages if re.search(r"--[a-z]", without_aws_commands(m))]
    assert not flagged, "\n".join(f"call {i}: {m}" for i, m in flagged)
    # The fixes are written as keywords with Python values.
    text = "\n".join(m for _, m in messages)
    for fix in ['expires="7d" or less, or signature="v2"', 'signature="v4"', 'drop addressing="virtual"',
                'endpoint="aws"', "dualstack=True", "fips=True", "accelerate=True", 'sse="aws:kms"',
                'metadata_directive="REPLACE"', 'tagging_directive="REPLACE"', "object_lock_mode=",
                "object_lock_retain_until=", "use acl=", "use metadata=", "sse_bucket_key=True",
                'pass if_none_match="*"', "Pass access_key= and secret_key=", "config_file=",
                'profile="storj"', "PRESIGN_PROFILE or profile="]:
        assert fix in text, fix
    print(f"{len(messages)} messages from {len(bad_calls(tmp_path))} calls, none naming a flag")
