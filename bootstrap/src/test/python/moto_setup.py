"""Prepares a moto server whose authentication turns on after the setup calls (INITIAL_NO_AUTH_ACTION_COUNT).

Reads JSON on stdin: {"endpoint", "bucket", "rolePolicy": <IAM policy document of the uploader role>}.
Makes exactly SETUP_CALLS AWS calls, unauthenticated, then prints JSON with the node's keys and the role ARNs:
the bucket (versioned), an IAM user for the Hangar node (S3 on the bucket, sts:AssumeRole on the two roles),
the uploader role (trusting the node's user) with the given permission policy, and a studio's own bucket
holding game.zip with a read-only role for it (trusting the node's user), for CreateBuild with a
StorageLocation.
"""
import io
import json
import sys
import zipfile

import boto3

SETUP_CALLS = 11
STUDIO_BUCKET = "studio-own-builds"


def main():
    spec = json.load(sys.stdin)
    common = dict(endpoint_url=spec["endpoint"], region_name="us-west-2", aws_access_key_id="setup",
                  aws_secret_access_key="setup")
    s3 = boto3.client("s3", **common)
    iam = boto3.client("iam", **common)
    bucket = spec["bucket"]
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})  # 1
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})  # 2
    user = iam.create_user(UserName="hangar-node")["User"]  # 3
    key = iam.create_access_key(UserName="hangar-node")["AccessKey"]  # 4
    iam.put_user_policy(UserName="hangar-node", PolicyName="hangar-node", PolicyDocument=json.dumps({  # 5
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:*"], "Resource": ["arn:aws:s3:::" + bucket, "arn:aws:s3:::" + bucket + "/*"]},
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": ["arn:aws:iam::123456789012:role/hangar-uploader",
                                                                       "arn:aws:iam::123456789012:role/studio-read"]},
        ]}))
    role = iam.create_role(RoleName="hangar-uploader", AssumeRolePolicyDocument=json.dumps({  # 6
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": user["Arn"]}, "Action": "sts:AssumeRole"}]}))["Role"]
    iam.put_role_policy(RoleName="hangar-uploader", PolicyName="upload", PolicyDocument=json.dumps(spec["rolePolicy"]))  # 7
    s3.create_bucket(Bucket=STUDIO_BUCKET, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})  # 8
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("server.sh", "#!/bin/sh\necho studio build\n")
    s3.put_object(Bucket=STUDIO_BUCKET, Key="game.zip", Body=archive.getvalue())  # 9
    studio = iam.create_role(RoleName="studio-read", AssumeRolePolicyDocument=json.dumps({  # 10
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": user["Arn"]}, "Action": "sts:AssumeRole"}]}))["Role"]
    iam.put_role_policy(RoleName="studio-read", PolicyName="read", PolicyDocument=json.dumps({  # 11
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"],
                       "Resource": "arn:aws:s3:::" + STUDIO_BUCKET + "/*"}]}))
    print(json.dumps({"accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"], "roleArn": role["Arn"],
                      "studioBucket": STUDIO_BUCKET, "studioRoleArn": studio["Arn"], "studioZipSize": len(archive.getvalue())}))


if __name__ == "__main__":
    main()
