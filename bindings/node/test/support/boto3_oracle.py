"""boto3's answers for the Node package's random cases: one JSON case a line on stdin,
one JSON answer a line on stdout (a URL, or a POST form's url and fields in order), from
botocore's client with the matching Config at a frozen clock, as the Python package's
tests ask it."""

import datetime
import json
import sys
from unittest import mock

import botocore.auth
import botocore.session
import botocore.signers
from botocore.config import Config

SESSION = botocore.session.get_session()
CLIENTS = {}


def client(c):
    key = (c["endpoint_url"], c["region"], c["ak"], c["sk"], c["token"], c["signature"], c["addressing"])
    if key not in CLIENTS:
        CLIENTS[key] = SESSION.create_client(
            "s3", region_name=c["region"], endpoint_url=c["endpoint_url"],
            aws_access_key_id=c["ak"], aws_secret_access_key=c["sk"], aws_session_token=c["token"],
            config=Config(signature_version="s3v4" if c["signature"] == "v4" else "s3",
                          s3={"addressing_style": c["addressing"]}))
    return CLIENTS[key]


for line in sys.stdin:
    case = json.loads(line)
    epoch = case["epoch"]
    now = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=epoch)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=now), \
            mock.patch.object(botocore.signers, "get_current_datetime", return_value=now), \
            mock.patch.object(botocore.auth.time, "time", return_value=float(epoch)):
        s3 = client(case["config"])
        if case["kind"] == "url":
            answer = s3.generate_presigned_url(case["method"], Params=case["params"], ExpiresIn=case["expires"])
        else:
            form = s3.generate_presigned_post(case["bucket"], case["key"], Fields=case["fields"],
                                              Conditions=case["conditions"], ExpiresIn=case["expires"])
            answer = {"url": form["url"], "fields": list(form["fields"].items())}
    print(json.dumps(answer), flush=True)
