#!/usr/bin/env python3
"""Per-URL presigning speed, side by side in one run: presign (Presigner.get, get_many and
the boto3 drop-in's fast path) against boto3's generate_presigned_url and the other
Python signers on PyPI (libpresign, fast-s3-url, signurlarity).

    python3 bindings/python/bench.py            # from the repository root

It makes a venv under target/python-bench (outside one), installs presign from
./bindings/python and the others from PyPI there, and prints a Markdown table: per URL,
URLs per second, the ratio to boto3, and whether the library's URL is boto3's for the
same second. Each row is the fastest of three rounds (the machine may be shared). A
library that cannot be installed gets a row that says so.
"""

import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
VENV = ROOT / "target" / "python-bench"
PEERS = {"libpresign": "libpresign", "fast_s3_url": "fast-s3-url", "signurlarity": "signurlarity"}
AK, SK = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
REGION, BUCKET = "eu-west-1", "my-bucket"
ENDPOINT = f"https://s3.{REGION}.amazonaws.com"


def in_venv():
    if sys.prefix != sys.base_prefix:
        return
    if not (VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    os.execv(str(VENV / "bin" / "python"), [str(VENV / "bin" / "python"), __file__, *sys.argv[1:]])


def install():
    pip = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run(pip + ["boto3==1.44.8", "botocore==1.44.8"], check=True)
    env = dict(os.environ, CARGO_TARGET_DIR=str(ROOT / "target" / "python"))
    subprocess.run(pip + [str(ROOT / "bindings" / "python")], check=True, env=env)
    missing = {}
    for module, dist in PEERS.items():
        r = subprocess.run(pip + [dist], capture_output=True, text=True)
        if r.returncode != 0:
            missing[module] = (r.stderr.strip().splitlines() or ["pip failed"])[-1]
    return missing


def best(fn, n, rounds=3):
    """Seconds per URL: the fastest of `rounds` runs of fn(n) (which makes n URLs)."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn(n)
        times.append((time.perf_counter() - start) / n)
    return min(times)


def same_second(ours, theirs):
    """Whether two signers give the same URL, asked within one second (retried)."""
    for _ in range(5):
        t = int(time.time())
        a, b = ours(), theirs()
        if int(time.time()) == t:
            return a == b
    return None


def main():
    in_venv()
    missing = install()
    import boto3
    from botocore.config import Config

    import presign
    import presign.boto3

    keys = [f"photos/2026/{i:07d}.jpg" for i in range(1_000_000)]
    client = boto3.client("s3", region_name=REGION, aws_access_key_id=AK, aws_secret_access_key=SK,
                          config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
    boto = lambda k: client.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": k},
                                                   ExpiresIn=3600)
    p = presign.Presigner(AK, SK, endpoint=ENDPOINT, region=REGION)
    dropin = lambda k: presign.boto3.generate_presigned_url(
        client, "get_object", Params={"Bucket": BUCKET, "Key": k}, ExpiresIn=3600)
    rows = []  # (name, seconds per URL or None, same URL as boto3, note)

    def loop(sign):
        def run(n):
            for k in keys[:n]:
                sign(k)
        return run

    boto_s = best(loop(boto), 5_000)
    rows.append(("boto3 1.44.8 `generate_presigned_url`", boto_s, True, "one client, s3v4"))
    rows.append(("presign `Presigner.get`", best(loop(lambda k: p.get(BUCKET, k)), 300_000),
                 same_second(lambda: p.get(BUCKET, keys[0]), lambda: boto(keys[0])), ""))
    rows.append(("presign `Presigner.get_many` (1,000,000 keys, one call)",
                 best(lambda n: p.get_many(BUCKET, keys[:n]), 1_000_000),
                 same_second(lambda: p.get_many(BUCKET, keys[:1])[0], lambda: boto(keys[0])),
                 "GIL released, signs on every core"))
    dropin(keys[0])
    rows.append(("presign.boto3 drop-in (fast path)", best(loop(dropin), 100_000),
                 same_second(lambda: dropin(keys[0]), lambda: boto(keys[0])), "same client"))

    if "libpresign" in missing:
        rows.append(("libpresign", None, None, f"cannot be installed here: {missing['libpresign']}"))
    else:
        import libpresign
        # libpresign takes a host name and signs virtual-host URLs only: it is compared
        # with a boto3 client in virtual addressing.
        virtual = boto3.client("s3", region_name=REGION, aws_access_key_id=AK,
                               aws_secret_access_key=SK,
                               config=Config(signature_version="s3v4",
                                             s3={"addressing_style": "virtual"}))
        lp = lambda k: libpresign.get(AK, SK, REGION, BUCKET, k, 3600, ENDPOINT.split("//")[1])
        boto_virtual = lambda: virtual.generate_presigned_url(
            "get_object", Params={"Bucket": BUCKET, "Key": keys[0]}, ExpiresIn=3600)
        rows.append(("libpresign " + libpresign.__version__ + " `get`", best(loop(lp), 300_000),
                     same_second(lambda: lp(keys[0]), boto_virtual), "GET only, virtual host only"))
    if "fast_s3_url" in missing:
        rows.append(("fast-s3-url", None, None, f"cannot be installed here: {missing['fast_s3_url']}"))
    else:
        from fast_s3_url import Credentials, FastS3UrlSigner
        signer = FastS3UrlSigner(bucket_endpoint_url=f"{ENDPOINT}/{BUCKET}/",
                                 credentials=Credentials(access_key=AK, secret_key=SK),
                                 aws_region=REGION)
        batch = lambda n: signer.generate_presigned_get_object_urls(keys[:n], expires_in=3600)
        rows.append(("fast-s3-url 0.2.0 `generate_presigned_get_object_urls` (batch)",
                     best(batch, 200_000),
                     same_second(lambda: batch(1)[0], lambda: boto(keys[0])), "GET only, batches"))
    if "signurlarity" in missing:
        rows.append(("signurlarity", None, None, f"cannot be installed here: {missing['signurlarity']}"))
    else:
        from signurlarity.presigner import S3Presigner
        sp = S3Presigner(AK, SK, region=REGION, endpoint_url=ENDPOINT)
        su = lambda k: sp.generate_presigned_url(BUCKET, k, expires=3600)
        rows.append(("signurlarity 0.3.1 `S3Presigner.generate_presigned_url`",
                     best(loop(su), 50_000), same_second(lambda: su(keys[0]), lambda: boto(keys[0])), ""))

    print("| signer (SigV4 GET, one process) | µs per URL | URLs/s | boto3 ÷ this | same URL as boto3 | note |")
    print("|---|---:|---:|---:|---|---|")
    for name, s, same, note in rows:
        if s is None:
            print(f"| {name} | – | – | – | – | {note} |")
            continue
        same_text = {True: "yes", False: "**no**", None: "(clock moved)"}[same]
        print(f"| {name} | {s * 1e6:,.2f} | {1 / s:,.0f} | {boto_s / s:,.0f}× | {same_text} | {note} |")
    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")


if __name__ == "__main__":
    main()
