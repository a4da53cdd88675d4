"""Uploads a file with boto3's S3 client and the leased credentials, as a studio's own tooling would.

Reads JSON on stdin: {"endpoint", "accessKeyId", "secretAccessKey", "sessionToken", "bucket", "key", "file",
"mode": "put" | "multipart", "partSize"}. "put" is one put_object; "multipart" is upload_file with parts
(5 MiB unless partSize says otherwise) sent by
several threads (out of order). Prints {"ok": true} or the error code and HTTP status, as JSON.
"""
import json
import sys

import boto3
import botocore.exceptions
from boto3.s3.transfer import TransferConfig


def main():
    spec = json.load(sys.stdin)
    s3 = boto3.session.Session().client(
        "s3", endpoint_url=spec["endpoint"], region_name="us-west-2",
        aws_access_key_id=spec["accessKeyId"], aws_secret_access_key=spec["secretAccessKey"],
        aws_session_token=spec.get("sessionToken"))
    try:
        if spec["mode"] == "put":
            with open(spec["file"], "rb") as body:
                s3.put_object(Bucket=spec["bucket"], Key=spec["key"], Body=body)
        else:
            part = spec.get("partSize", 5 * 1024 * 1024)
            config = TransferConfig(multipart_threshold=part, multipart_chunksize=part, max_concurrency=4)
            s3.upload_file(spec["file"], spec["bucket"], spec["key"], Config=config)
        print(json.dumps({"ok": True}))
    except botocore.exceptions.ClientError as e:
        print(json.dumps({"ok": False, "code": e.response["Error"]["Code"],
                          "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}))


if __name__ == "__main__":
    main()
