#!/usr/bin/env python3
"""boto3 upload_file with the AWS CLI's transfer defaults (8 MiB parts, 10 threads), timed, <uploads> times.

usage: upload_client.py hangar|plain <endpoint> <file> <uploads> [<bucket>]
  hangar: CreateBuild with the API keys in HANGAR_ACCESS_KEY_ID / HANGAR_SECRET_ACCESS_KEY, then upload_file with
          the build's upload credentials to its StorageLocation; fails unless the build is READY afterwards.
  plain:  upload_file to <bucket>/<a fresh key> with any keys (the S3 sink, moto; the bucket must exist).
prints one JSON line per upload: {"seconds": ..., "bytes": ...}
"""
import json
import os
import sys
import time
import uuid

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

MIB = 1024 * 1024
# The AWS CLI's defaults (multipart_threshold, multipart_chunksize, max_concurrent_requests).
CLI_DEFAULTS = TransferConfig(multipart_threshold=8 * MIB, multipart_chunksize=8 * MIB, max_concurrency=10)
REGION = os.environ.get("BENCH_REGION", "us-west-2")


def s3(endpoint, key_id, secret, token=None):
    return boto3.session.Session().client(
        "s3", endpoint_url=endpoint, region_name=REGION, aws_access_key_id=key_id, aws_secret_access_key=secret,
        aws_session_token=token, config=Config(s3={"addressing_style": "path"}, retries={"total_max_attempts": 1}))


def upload(target, endpoint, path, bucket):
    size = os.path.getsize(path)
    if target == "hangar":
        gamelift = boto3.session.Session().client(
            "gamelift", endpoint_url=endpoint, region_name=REGION,
            aws_access_key_id=os.environ["HANGAR_ACCESS_KEY_ID"], aws_secret_access_key=os.environ["HANGAR_SECRET_ACCESS_KEY"])
        created = gamelift.create_build(Name="upload-bench")
        creds = created["UploadCredentials"]
        location = created["StorageLocation"]
        client = s3(endpoint, creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
        bucket, key = location["Bucket"], location["Key"]
    else:
        client = s3(endpoint, "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        key = "bench/" + str(uuid.uuid4())
    start = time.monotonic()
    client.upload_file(path, bucket, key, Config=CLI_DEFAULTS)
    seconds = time.monotonic() - start
    if target == "hangar":
        status = gamelift.describe_build(BuildId=created["Build"]["BuildId"])["Build"]["Status"]
        if status != "READY":
            sys.exit("the build is %s after its upload, not READY" % status)
        gamelift.delete_build(BuildId=created["Build"]["BuildId"])
    print(json.dumps({"seconds": seconds, "bytes": size}), flush=True)


def main():
    target, endpoint, path, uploads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    bucket = sys.argv[5] if len(sys.argv) > 5 else None
    for _ in range(uploads):
        upload(target, endpoint, path, bucket)


if __name__ == "__main__":
    main()
