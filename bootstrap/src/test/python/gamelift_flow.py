"""Runs the whole GameLift build flow through boto3 against a Hangar endpoint and prints what the client saw, as JSON.

Usage: python3 gamelift_flow.py [--cbor] ENDPOINT < flow.json
flow.json: {"name", "version", "operatingSystem", "serverSdkVersion", "tags" ([{"Key", "Value"}]),
            "newName", "newVersion", "moreBuilds" (how many other builds to create before listing),
            "pageSize" (ListBuilds' Limit through the paginator), "addTags" ([{"Key", "Value"}]),
            "removeTagKeys" ([str])}.
Steps: CreateBuild, DescribeBuild, UpdateBuild, RequestUploadCredentials, CreateBuild x moreBuilds, ListBuilds
through the paginator (every page), TagResource, ListTagsForResource, UntagResource, ListTagsForResource,
DeleteBuild, DescribeBuild (expected to fail). Timestamps are printed as ISO 8601 with their Python type.
--cbor as in gamelift_calls.py (the client and its setup are shared with it).
"""
import datetime
import json
import sys

import botocore.exceptions

import gamelift_calls


def plain(value):
    """The response without ResponseMetadata, timestamps as {"datetime": iso} so the caller sees botocore parsed them."""
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def main():
    args, protocol = gamelift_calls.protocol_args(sys.argv[1:])
    flow = json.load(sys.stdin)
    gamelift = gamelift_calls.client(args[0])
    if protocol:
        gamelift_calls.require_protocol(gamelift, protocol)
    seen = {"protocol": gamelift.meta.service_model.resolved_protocol}

    created = gamelift.create_build(Name=flow["name"], Version=flow["version"], OperatingSystem=flow["operatingSystem"],
                                    ServerSdkVersion=flow["serverSdkVersion"], Tags=flow["tags"])
    seen["CreateBuild"] = plain(created)
    build_id = created["Build"]["BuildId"]
    build_arn = created["Build"]["BuildArn"]
    seen["DescribeBuild"] = plain(gamelift.describe_build(BuildId=build_id))
    seen["UpdateBuild"] = plain(gamelift.update_build(BuildId=build_id, Name=flow["newName"], Version=flow["newVersion"]))
    seen["RequestUploadCredentials"] = plain(gamelift.request_upload_credentials(BuildId=build_id))
    seen["moreBuildIds"] = [gamelift.create_build(Name=f"{flow['name']}-{i}")["Build"]["BuildId"]
                            for i in range(flow["moreBuilds"])]
    pages = gamelift.get_paginator("list_builds").paginate(PaginationConfig={"PageSize": flow["pageSize"]})
    seen["ListBuildsPages"] = [plain(page) for page in pages]
    seen["TagResource"] = plain(gamelift.tag_resource(ResourceARN=build_arn, Tags=flow["addTags"]))
    seen["ListTagsAfterTag"] = plain(gamelift.list_tags_for_resource(ResourceARN=build_arn))
    seen["UntagResource"] = plain(gamelift.untag_resource(ResourceARN=build_arn, TagKeys=flow["removeTagKeys"]))
    seen["ListTagsAfterUntag"] = plain(gamelift.list_tags_for_resource(ResourceARN=build_arn))
    seen["DeleteBuild"] = plain(gamelift.delete_build(BuildId=build_id))
    try:
        gamelift.describe_build(BuildId=build_id)
        seen["DescribeDeleted"] = {"ok": True}
    except botocore.exceptions.ClientError as e:
        seen["DescribeDeleted"] = {
            "ok": False,
            "exception": type(e).__name__,
            "modeled": isinstance(e, gamelift.exceptions.NotFoundException),
            "code": e.response["Error"]["Code"],
            "message": e.response["Error"].get("Message", ""),
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
            "requestId": e.response["ResponseMetadata"].get("RequestId"),
        }
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
