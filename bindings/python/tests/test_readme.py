"""The Python examples of the package's README (its PyPI page, bindings/python/README.md):
`mypy --strict` accepts them (with the package's stubs and py.typed), and they run."""

import os
import pathlib
import re
import subprocess
import sys
from unittest import mock

import pytest

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"
# Signing; settings from the environment; strangers, listings and copies; multipart,
# inspect, verify and errors; boto3.
EXAMPLES = 5


def examples():
    readme = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(blocks) == EXAMPLES, f"{README} has {len(blocks)} Python examples, not {EXAMPLES}"
    return blocks


def test_mypy_strict_accepts_the_readme_examples(tmp_path):
    for i, block in enumerate(examples()):
        (tmp_path / f"example_{i}.py").write_text(block, encoding="utf-8")
    # boto3 ships no type information; a user of --strict says so for it, as here.
    (tmp_path / "mypy.ini").write_text("[mypy]\n[mypy-boto3.*]\nignore_missing_imports = True\n"
                                       "[mypy-botocore.*]\nignore_missing_imports = True\n")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(tmp_path / "mypy.ini"),
         "--cache-dir", str(tmp_path / "cache"), str(tmp_path)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_catches_a_wrong_type(tmp_path):
    """The stubs are strict enough to fail: a bytes key is a type error."""
    (tmp_path / "bad.py").write_text(
        "import presign\np = presign.Presigner('AK', 'SK')\nurl: int = p.get('b', b'k')\n")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
         str(tmp_path / "bad.py")], capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout.count("error:") == 2, result.stdout


@pytest.mark.parametrize("i", range(len(examples())))
def test_readme_examples_run(i, tmp_path):
    # As the CLI's docs test runs its examples: an empty HOME, AWS's example keys in
    # presign's variables (what Presigner.from_env() reads).
    env = {"HOME": str(tmp_path), "PATH": os.environ.get("PATH", ""),
           "PRESIGN_ACCESS_KEY": "AKIAIOSFODNN7EXAMPLE",
           "PRESIGN_SECRET_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
    with mock.patch.dict(os.environ, env, clear=True):
        exec(compile(examples()[i], f"README example {i}", "exec"), {"__name__": "readme"})


def test_mypy_strict_accepts_the_package_itself(tmp_path):
    """The installed package (its stubs and its pure-Python modules) type-checks strictly."""
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(tmp_path / "mypy.ini"),
         "--cache-dir", str(tmp_path / "cache"), "-p", "presign"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0 and "4 source files" in result.stdout, result.stdout + result.stderr
