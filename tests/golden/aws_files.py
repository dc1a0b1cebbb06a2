#!/usr/bin/env python3
"""Regenerates tests/golden/aws_files.jsonl: the AWS shared files as botocore reads them.

For every file in tests/data/aws-files/, one line: the sections as botocore's
`raw_config_parse` returns them (how the credentials file is looked up, by section
name) and the profiles as `build_profile_map` maps them (how the config file is looked
up, by profile name), or `"error": true` when botocore refuses the file. Nested blocks
(`s3 =` then indented `key = value` lines) are flattened to `s3.key`.
`tests/agree/aws_files_golden.rs` checks that presign's parser agrees on every value.
`.ci/run` re-runs this with the pinned botocore and fails if the committed file differs.

Usage: PYTHONUTF8=1 python3 tests/golden/aws_files.py > tests/golden/aws_files.jsonl
Needs: botocore==1.44.8 (see .ci/run).
"""

import json
import locale
import os
import sys

import botocore
import botocore.exceptions
from botocore.configloader import build_profile_map, raw_config_parse

BOTOCORE_VERSION = "1.44.8"
CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "aws-files")


def flatten(section):
    flat = {}
    for key, value in section.items():
        if isinstance(value, dict):
            for inner, v in value.items():
                flat[f"{key}.{inner}"] = v
        else:
            flat[key] = value
    return flat


def main():
    if botocore.__version__ != BOTOCORE_VERSION:
        sys.exit(f"botocore {BOTOCORE_VERSION} is required, found {botocore.__version__}")
    # configparser reads with the locale's encoding; presign reads UTF-8.
    if locale.getpreferredencoding(False).lower().replace("-", "") != "utf8":
        sys.exit("run with PYTHONUTF8=1: files must be read as UTF-8")
    for name in sorted(os.listdir(CORPUS)):
        line = {"file": name}
        try:
            raw = raw_config_parse(os.path.join(CORPUS, name))
        except botocore.exceptions.ConfigParseError:
            line["error"] = True
        else:
            line["sections"] = {s: flatten(v) for s, v in raw.items()}
            profiles = build_profile_map(raw)["profiles"]
            line["profiles"] = {p: flatten(v) for p, v in profiles.items()}
        sys.stdout.write(json.dumps(line, sort_keys=True, ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main()
