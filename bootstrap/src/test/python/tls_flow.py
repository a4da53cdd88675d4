"""boto3 over HTTPS, trusting only the CA given: CreateBuild, PutObject of a zip with the build's upload credentials,
DescribeBuild until the build leaves INITIALIZED (bounded). Prints {"buildId", "status", "size"} as JSON.

Usage: python3 tls_flow.py ENDPOINT CA_PEM ZIP_PATH   (API keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)
"""
import json
import sys
import time

import boto3
from botocore.config import Config

endpoint, ca, zip_path = sys.argv[1:4]
gamelift = boto3.client("gamelift", endpoint_url=endpoint, region_name="us-west-2", verify=ca)
created = gamelift.create_build(Name="over-tls", Version="1")
build_id = created["Build"]["BuildId"]
credentials = created["UploadCredentials"]
location = created["StorageLocation"]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-west-2", verify=ca,
                  aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
                  aws_session_token=credentials["SessionToken"], config=Config(s3={"addressing_style": "path"}))
s3.upload_file(zip_path, location["Bucket"], location["Key"])
build = gamelift.describe_build(BuildId=build_id)["Build"]
for _ in range(100):
    if build["Status"] != "INITIALIZED":
        break
    time.sleep(0.1)
    build = gamelift.describe_build(BuildId=build_id)["Build"]
print(json.dumps({"buildId": build_id, "status": build["Status"], "size": build.get("SizeOnDisk")}))
