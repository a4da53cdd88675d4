"""Signs one S3 request with botocore's own SigV4 signer and prints its headers as JSON, for a raw-socket test.

Reads JSON on stdin: {"url", "method", "headers": {...}, "accessKeyId", "secretAccessKey", "sessionToken",
"trailerChecksum": "crc32" | null}. With trailerChecksum, the request is signed as botocore signs a
flexible-checksum upload whose checksum travels in a trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER): the
shape boto3 sends over https, with no Content-Length signed.
"""
import json
import sys

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    spec = json.load(sys.stdin)
    request = AWSRequest(method=spec["method"], url=spec["url"], headers=spec.get("headers", {}), data=b"")
    if spec.get("trailerChecksum"):
        algorithm = spec["trailerChecksum"]
        request.context["checksum"] = {
            "request_algorithm": {"in": "trailer", "algorithm": algorithm, "name": "x-amz-checksum-" + algorithm}
        }
    credentials = Credentials(spec["accessKeyId"], spec["secretAccessKey"], spec.get("sessionToken"))
    S3SigV4Auth(credentials, "s3", "us-west-2").add_auth(request)
    print(json.dumps(dict(request.headers.items())))


if __name__ == "__main__":
    main()
