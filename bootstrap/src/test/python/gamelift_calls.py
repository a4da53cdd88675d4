"""Runs GameLift calls through boto3 against a Hangar endpoint and prints what the client saw, as JSON.

Usage: python3 gamelift_calls.py [--cbor] ENDPOINT < cases.json
Each case: {"name", "operation" (boto3 snake_case method), "params" (dict),
            "body" (optional: raw body to send instead of the serialized one, UTF-8),
            "bodyHex" (optional: the same, as hex bytes),
            "target" (optional: GameLift.<Operation> to call instead of the real one: the X-Amz-Target over
                      JSON, the operation in the path over CBOR),
            "accessKeyId", "secretAccessKey" (optional: other keys than the test principal's)}.
Client-side validation and retries are off, so the server's own checks and errors are what is seen.
Each result says which protocol botocore spoke ("protocol").

--cbor makes botocore speak Smithy RPC v2 CBOR: the installed GameLift model is copied to a temporary data
folder with its protocols narrowed to ["smithy-rpc-v2-cbor"], first on AWS_DATA_PATH (see force_cbor); the
script fails unless botocore resolved that protocol.
"""
import atexit
import gzip
import json
import os
import shutil
import sys
import tempfile

import boto3
import botocore
import botocore.exceptions
from botocore.config import Config

CBOR = "smithy-rpc-v2-cbor"
MODEL_DIR = os.path.join("gamelift", "2015-10-01")

ACCESS_KEY_ID = "AKIAHANGARTESTKEY001"
SECRET_ACCESS_KEY = "hangar-test-secret-key-not-a-real-secret0"


def client(endpoint, access_key_id=ACCESS_KEY_ID, secret_access_key=SECRET_ACCESS_KEY):
    return boto3.session.Session().client(
        "gamelift",
        endpoint_url=endpoint,
        region_name="us-west-2",
        aws_access_key_id=access_key_id,
        aws_secret_access_key=secret_access_key,
        config=Config(parameter_validation=False, retries={"total_max_attempts": 1}),
    )


def force_cbor():
    """Puts a copy of the installed GameLift model, narrowed to CBOR, first on AWS_DATA_PATH (for sessions made after
    this call); the copy is removed when the process exits."""
    source = os.path.join(os.path.dirname(botocore.__file__), "data", MODEL_DIR)
    data_path = tempfile.mkdtemp(prefix="hangar-cbor-model-")
    atexit.register(shutil.rmtree, data_path, True)
    target = os.path.join(data_path, MODEL_DIR)
    os.makedirs(target)
    for name in os.listdir(source):
        if name.startswith("service-2."):
            continue
        shutil.copy(os.path.join(source, name), os.path.join(target, name))
    with gzip.open(os.path.join(source, "service-2.json.gz"), "rt", encoding="utf-8") as f:
        model = json.load(f)
    model["metadata"]["protocol"] = CBOR
    model["metadata"]["protocols"] = [CBOR]
    with open(os.path.join(target, "service-2.json"), "w", encoding="utf-8") as f:
        json.dump(model, f)
    os.environ["AWS_DATA_PATH"] = os.pathsep.join(p for p in [data_path, os.environ.get("AWS_DATA_PATH")] if p)
    return data_path


def require_protocol(gamelift, protocol):
    resolved = gamelift.meta.service_model.resolved_protocol
    if resolved != protocol:
        sys.exit(f"botocore resolved the protocol {resolved!r}, not {protocol!r}")


def protocol_args(argv):
    """Strips --cbor from argv (applying it); returns the remaining arguments and the protocol expected."""
    if "--cbor" in argv:
        force_cbor()
        return [a for a in argv if a != "--cbor"], CBOR
    return list(argv), None


def run(gamelift, case):
    handlers = []
    if "body" in case or "bodyHex" in case or "target" in case:
        def mutate(request, **kwargs):
            if "body" in case:
                request.data = case["body"].encode("utf-8")
            if "bodyHex" in case:
                request.data = bytes.fromhex(case["bodyHex"])
            if "target" in case and gamelift.meta.service_model.resolved_protocol == CBOR:
                operation = case["target"].split(".", 1)[1]
                request.url = request.url.rsplit("/", 1)[0] + "/" + operation
            elif "target" in case:
                del request.headers["X-Amz-Target"]
                request.headers["X-Amz-Target"] = case["target"]
        event = "before-sign.gamelift." + case["operationName"]
        gamelift.meta.events.register(event, mutate)
        handlers.append((event, mutate))
    try:
        response = getattr(gamelift, case["operation"])(**case.get("params", {}))
        meta = response.pop("ResponseMetadata")
        return {"name": case["name"], "protocol": gamelift.meta.service_model.resolved_protocol, "ok": True,
                "status": meta["HTTPStatusCode"], "response": response}
    except botocore.exceptions.ClientError as e:
        meta = e.response.get("ResponseMetadata", {})
        return {
            "name": case["name"],
            "protocol": gamelift.meta.service_model.resolved_protocol,
            "ok": False,
            "exception": type(e).__name__,
            "code": e.response["Error"]["Code"],
            "message": e.response["Error"].get("Message", ""),
            "status": meta.get("HTTPStatusCode"),
            "requestId": meta.get("RequestId"),
            "headerRequestId": meta.get("HTTPHeaders", {}).get("x-amzn-requestid"),
        }
    finally:
        for event, handler in handlers:
            gamelift.meta.events.unregister(event, handler)


def main():
    args, protocol = protocol_args(sys.argv[1:])
    endpoint = args[0]
    cases = json.load(sys.stdin)
    default = client(endpoint)
    if protocol:
        require_protocol(default, protocol)
    results = []
    for case in cases:
        if "accessKeyId" in case or "secretAccessKey" in case:
            gamelift = client(endpoint, case.get("accessKeyId", ACCESS_KEY_ID), case.get("secretAccessKey", SECRET_ACCESS_KEY))
            if protocol:
                require_protocol(gamelift, protocol)
        else:
            gamelift = default
        results.append(run(gamelift, case))
    print(json.dumps(results, default=str))


if __name__ == "__main__":
    main()
