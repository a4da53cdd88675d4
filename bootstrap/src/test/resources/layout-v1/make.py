#!/usr/bin/env python3
"""Makes layout-v1.tar.gz: a data folder written by Hangar with schema version 1 (each object one data file, a
multipart upload's parts copied into it on completion), for LayoutUpgradeIT. Run once, with the jar of commit
a7ce366 (the last one writing that layout), never again:

  java -jar hangar.jar --port 0 --data-dir /tmp/v1/data &   # HANGAR_ACCESS_KEY_ID/SECRET = the tests' keys
  python3 make.py http://127.0.0.1:<port> /tmp/v1      # writes expected.json here
  kill <node>; rm /tmp/v1/data/lease.key; tar -C /tmp/v1 -czf layout-v1.tar.gz data

Builds made: "put" (PutObject), "multipart" (3 parts of 5 MiB, 5 MiB and 1 KiB), and "pending" (INITIALIZED, an
upload with one part: the whole zip, which a test completes; its expiry, an hour after this ran, is moved forward by
the test). Contents are deterministic, so expected.json records each object's SHA-256.
"""
import hashlib, io, json, sys, zipfile
import boto3
from botocore.config import Config

endpoint, folder = sys.argv[1], sys.argv[2]
KEY, SECRET = "AKIAHANGARTESTKEY001", "hangar-test-secret-key-not-a-real-secret0"
gl = boto3.client("gamelift", endpoint_url=endpoint, region_name="us-west-2", aws_access_key_id=KEY, aws_secret_access_key=SECRET)

def zipped(name, size, seed):
    # A short repeating pattern: deterministic, and the folder compresses to a few KiB for the repository.
    pattern = bytes((i * 31 + seed) % 251 for i in range(251))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        z.writestr(info, (pattern * (size // 251 + 1))[:size])
    return buf.getvalue()

def s3_for(created):
    c = created["UploadCredentials"]
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-west-2", aws_access_key_id=c["AccessKeyId"],
                        aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"],
                        config=Config(s3={"addressing_style": "path"}))

expected = {}
put = gl.create_build(Name="put")
body = zipped("server.bin", 3000, 1)
loc = put["StorageLocation"]
s3_for(put).put_object(Bucket=loc["Bucket"], Key=loc["Key"], Body=body)
expected[put["Build"]["BuildId"]] = {"name": "put", "sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}

multi = gl.create_build(Name="multipart")
body = zipped("server.bin", 10 * 1024 * 1024 + 900, 2)
loc = multi["StorageLocation"]
s3 = s3_for(multi)
upload = s3.create_multipart_upload(Bucket=loc["Bucket"], Key=loc["Key"])["UploadId"]
cuts = [0, 5 * 1024 * 1024, 10 * 1024 * 1024, len(body)]
parts = []
for n in range(3):
    etag = s3.upload_part(Bucket=loc["Bucket"], Key=loc["Key"], UploadId=upload, PartNumber=n + 1,
                          Body=body[cuts[n]:cuts[n + 1]])["ETag"]
    parts.append({"PartNumber": n + 1, "ETag": etag})
s3.complete_multipart_upload(Bucket=loc["Bucket"], Key=loc["Key"], UploadId=upload, MultipartUpload={"Parts": parts})
expected[multi["Build"]["BuildId"]] = {"name": "multipart", "sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}

pending = gl.create_build(Name="pending")
body = zipped("server.bin", 5 * 1024 * 1024 + 500, 3)
loc = pending["StorageLocation"]
s3 = s3_for(pending)
upload = s3.create_multipart_upload(Bucket=loc["Bucket"], Key=loc["Key"])["UploadId"]
etag = s3.upload_part(Bucket=loc["Bucket"], Key=loc["Key"], UploadId=upload, PartNumber=1, Body=body)["ETag"]
expected[pending["Build"]["BuildId"]] = {"name": "pending", "sha256": hashlib.sha256(body).hexdigest(), "size": len(body),
                                         "uploadId": upload, "part1ETag": etag}
with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
