#!/usr/bin/env python3
"""Signs one GameLift request with SigV4 (standard library only), for wrk to replay.

usage: sign.py <url> <x-amz-target> <json body>          AWS JSON 1.1: POST <url> with X-Amz-Target
       sign.py --cbor <url> <x-amz-target> <json body>   Smithy RPC v2 CBOR: POST <url>, whose path must be
                                                          /service/GameLift/operation/<the target's operation>;
                                                          the body is the JSON body encoded as CBOR
       sign.py --batch [--cbor] <url> <x-amz-target> <json body with {id}>
                                                          one request per build id read from stdin, {id}
                                                          replaced by it; prints "x-amz-date TAB authorization
                                                          TAB body in hex" a line (wrk/awsjson.lua's
                                                          WRK_REQUESTS file), all signed at the same second
(keys in HANGAR_ACCESS_KEY_ID / HANGAR_SECRET_ACCESS_KEY, region in BENCH_REGION, default us-west-2)

prints the Host header, X-Amz-Date and Authorization, one a line, and with --cbor a fourth line: the CBOR body
in hex. Signed headers are the ones botocore signs for GameLift: content-type, host, x-amz-date, x-amz-target
over JSON; accept, content-type, host, smithy-protocol, x-amz-date over CBOR. Hangar accepts a signature for
15 minutes (its clock skew window) and does not refuse replays, so one signature serves a whole wrk run.
"""
import datetime
import hashlib
import hmac
import json
import os
import struct
import sys
from urllib.parse import urlsplit

JSON_CONTENT_TYPE = "application/x-amz-json-1.1"
CBOR_CONTENT_TYPE = "application/cbor"
CBOR_PROTOCOL = "rpc-v2-cbor"


def _hmac(key, text):
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def _cbor_head(major, argument):
    """The head of a CBOR item (RFC 8949 section 3) in its shortest form, as botocore writes it."""
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if argument < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, argument)
    raise ValueError("integer out of CBOR's range: %d" % argument)


def cbor(value):
    """Encodes what a GameLift input holds (maps with text keys, lists, text, integers, booleans, null), definite
    lengths only."""
    if value is None:
        return b"\xf6"
    if value is True:
        return b"\xf5"
    if value is False:
        return b"\xf4"
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _cbor_head(3, len(data)) + data
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(cbor(item) for item in value)
    if isinstance(value, dict):
        return _cbor_head(5, len(value)) + b"".join(cbor(key) + cbor(item) for key, item in value.items())
    raise ValueError("no CBOR encoding here for %r" % (value,))


def sign(url, target, body, use_cbor, now, access_key, secret, region):
    """Returns (host, x-amz-date, authorization, payload bytes) of one signed request."""
    parts = urlsplit(url)
    host = parts.hostname + (":%d" % parts.port if parts.port else "")
    path = parts.path or "/"
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    scope = "%s/%s/gamelift/aws4_request" % (now.strftime("%Y%m%d"), region)
    if use_cbor:
        operation = target.rpartition(".")[2]
        if not path.endswith("/operation/" + operation):
            sys.exit("sign.py --cbor: %s is not the path of %s (/service/GameLift/operation/%s)" % (path, target, operation))
        payload = cbor(json.loads(body))
        signed_headers = "accept;content-type;host;smithy-protocol;x-amz-date"
        headers = ["accept:" + CBOR_CONTENT_TYPE, "content-type:" + CBOR_CONTENT_TYPE, "host:" + host,
                   "smithy-protocol:" + CBOR_PROTOCOL, "x-amz-date:" + amz_date]
    else:
        payload = body.encode("utf-8")
        signed_headers = "content-type;host;x-amz-date;x-amz-target"
        headers = ["content-type:" + JSON_CONTENT_TYPE, "host:" + host, "x-amz-date:" + amz_date, "x-amz-target:" + target]
    canonical = "\n".join(["POST", path, ""] + headers + ["", signed_headers, hashlib.sha256(payload).hexdigest()])
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode("utf-8")).hexdigest()])
    key = _signing_key(secret, now.strftime("%Y%m%d"), region)
    signature = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    authorization = "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (
        access_key, scope, signed_headers, signature)
    return host, amz_date, authorization, payload


_KEYS = {}


def _signing_key(secret, day, region):
    if (secret, day, region) not in _KEYS:
        key = ("AWS4" + secret).encode("utf-8")
        for part in (day, region, "gamelift", "aws4_request"):
            key = _hmac(key, part)
        _KEYS[(secret, day, region)] = key
    return _KEYS[(secret, day, region)]


def main():
    args = sys.argv[1:]
    batch = bool(args) and args[0] == "--batch"
    if batch:
        args = args[1:]
    use_cbor = bool(args) and args[0] == "--cbor"
    if use_cbor:
        args = args[1:]
    if len(args) != 3:
        sys.exit(__doc__)
    url, target, body = args
    access_key = os.environ["HANGAR_ACCESS_KEY_ID"]
    secret = os.environ["HANGAR_SECRET_ACCESS_KEY"]
    region = os.environ.get("BENCH_REGION", "us-west-2")
    now = datetime.datetime.now(datetime.timezone.utc)
    if batch:
        for line in sys.stdin:
            build_id = line.strip()
            if build_id:
                _, amz_date, authorization, payload = sign(
                    url, target, body.replace("{id}", build_id), use_cbor, now, access_key, secret, region)
                print("%s\t%s\t%s" % (amz_date, authorization, payload.hex()))
        return
    host, amz_date, authorization, payload = sign(url, target, body, use_cbor, now, access_key, secret, region)
    print(host)
    print(amz_date)
    print(authorization)
    if use_cbor:
        print(payload.hex())


if __name__ == "__main__":
    main()
