"""Benchmark peer: boto3's generate_presigned_url on the same job as `presign get -`.

Reads BUCKET/KEY lines on stdin, prints one SigV4 URL per line; one client for the run,
as a careful boto3 script would. Run by benches/compare.sh in a venv it creates.
"""

import sys

import boto3
from botocore.config import Config


def main():
    client = boto3.client(
        "s3",
        region_name="us-east-1",
        endpoint_url="https://gateway.storjshare.io",
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )
    out = sys.stdout
    for line in sys.stdin:
        bucket, key = line.rstrip("\n").split("/", 1)
        out.write(client.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=3600))
        out.write("\n")


if __name__ == "__main__":
    main()
