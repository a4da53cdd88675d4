"""Runs GameLift calls through boto3 against a Hangar endpoint and prints what the client saw, as JSON.

Usage: python3 gamelift_calls.py ENDPOINT < cases.json
Each case: {"name", "operation" (boto3 snake_case method), "params" (dict),
            "body" (optional: raw body to send instead of the serialized one),
            "target" (optional: X-Amz-Target to send instead of the real one),
            "accessKeyId", "secretAccessKey" (optional: other keys than the test principal's)}.
Client-side validation and retries are off, so the server's own checks and errors are what is seen.
"""
import json
import sys

import boto3
import botocore.exceptions
from botocore.config import Config

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


def run(gamelift, case):
    handlers = []
    if "body" in case or "target" in case:
        def mutate(request, **kwargs):
            if "body" in case:
                request.data = case["body"].encode("utf-8")
            if "target" in case:
                del request.headers["X-Amz-Target"]
                request.headers["X-Amz-Target"] = case["target"]
        event = "before-sign.gamelift." + case["operationName"]
        gamelift.meta.events.register(event, mutate)
        handlers.append((event, mutate))
    try:
        response = getattr(gamelift, case["operation"])(**case.get("params", {}))
        meta = response.pop("ResponseMetadata")
        return {"name": case["name"], "ok": True, "status": meta["HTTPStatusCode"], "response": response}
    except botocore.exceptions.ClientError as e:
        meta = e.response.get("ResponseMetadata", {})
        return {
            "name": case["name"],
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
    endpoint = sys.argv[1]
    cases = json.load(sys.stdin)
    default = client(endpoint)
    results = []
    for case in cases:
        if "accessKeyId" in case or "secretAccessKey" in case:
            gamelift = client(endpoint, case.get("accessKeyId", ACCESS_KEY_ID), case.get("secretAccessKey", SECRET_ACCESS_KEY))
        else:
            gamelift = default
        results.append(run(gamelift, case))
    print(json.dumps(results, default=str))


if __name__ == "__main__":
    main()
