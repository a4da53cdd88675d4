#!/usr/bin/env python3
"""Signs one GameLift request with SigV4 (standard library only), for wrk to replay.

usage: sign.py <url> <x-amz-target> <body>   (keys in HANGAR_ACCESS_KEY_ID / HANGAR_SECRET_ACCESS_KEY,
                                               region in BENCH_REGION, default us-west-2)
prints three lines: the Host header, X-Amz-Date and Authorization. Signed headers are the ones botocore
signs for GameLift: content-type, host, x-amz-date, x-amz-target. Hangar accepts a signature for 15
minutes (its clock skew window) and does not refuse replays, so one signature serves a whole wrk run.
"""
import datetime
import hashlib
import hmac
import os
import sys
from urllib.parse import urlsplit

CONTENT_TYPE = "application/x-amz-json-1.1"


def _hmac(key, text):
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def main():
    url, target, body = sys.argv[1:4]
    access_key = os.environ["HANGAR_ACCESS_KEY_ID"]
    secret = os.environ["HANGAR_SECRET_ACCESS_KEY"]
    region = os.environ.get("BENCH_REGION", "us-west-2")
    parts = urlsplit(url)
    host = parts.hostname + (":%d" % parts.port if parts.port else "")
    path = parts.path or "/"
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    scope = "%s/%s/gamelift/aws4_request" % (now.strftime("%Y%m%d"), region)
    signed_headers = "content-type;host;x-amz-date;x-amz-target"
    canonical = "\n".join([
        "POST", path, "",
        "content-type:" + CONTENT_TYPE, "host:" + host, "x-amz-date:" + amz_date, "x-amz-target:" + target, "",
        signed_headers, hashlib.sha256(body.encode("utf-8")).hexdigest()])
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode("utf-8")).hexdigest()])
    key = ("AWS4" + secret).encode("utf-8")
    for part in (now.strftime("%Y%m%d"), region, "gamelift", "aws4_request"):
        key = _hmac(key, part)
    signature = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    print(host)
    print(amz_date)
    print("AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (access_key, scope, signed_headers, signature))


if __name__ == "__main__":
    main()
