package dev.hangar.adapter.http.s3;

import dev.hangar.adapter.http.UndertowRequests;
import dev.hangar.adapter.http.uri.RequestTarget;
import dev.hangar.domain.failure.InvalidValueException;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.ObjectKey;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.Set;

/**
 * The request target of an S3 call, parsed once: path style, so the first segment is the bucket and the rest
 * (decoded, slashes kept) the key; the query decoded, the first value of a repeated name winning. The
 * parameters of the operations are read and range-checked here too.
 */
record S3Request(String method, String bucketName, String keyName, Map<String, String> query) {
  private static final Set<String> OPERATION_PARAMETERS = Set.of("uploads", "uploadId", "partNumber", "max-parts",
      "part-number-marker", "x-id");

  static S3Request of(HttpServerExchange exchange) {
    RequestTarget target = UndertowRequests.target(exchange);
    String rest = target.rawPath();
    rest = rest.startsWith("/") ? rest.substring(1) : rest;
    int slash = rest.indexOf('/');
    String bucket = RequestTarget.percentDecode(slash < 0 ? rest : rest.substring(0, slash));
    String key = slash < 0 ? "" : RequestTarget.percentDecode(rest.substring(slash + 1));
    return new S3Request(exchange.getRequestMethod().toString(), bucket, key, target.firstValues());
  }

  /** Signed in the query string (a presigned URL) rather than in the Authorization header. */
  boolean presigned() {
    return query.containsKey("X-Amz-Algorithm");
  }

  boolean has(String parameter) {
    return query.containsKey(parameter);
  }

  String uploadId() {
    return query.get("uploadId");
  }

  /** A bucket name S3 could not have is a bucket that does not exist. */
  BucketName bucket() {
    try {
      return new BucketName(bucketName);
    } catch (InvalidValueException e) {
      throw new S3Failure(S3Error.NO_SUCH_BUCKET);
    }
  }

  ObjectKey key() {
    return new ObjectKey(keyName);
  }

  /** Sub-resources other than the upload operations' own parameters (and SigV4's) are refused. */
  void requireOnlyOperationParameters() {
    for (String name : query.keySet()) {
      if (!OPERATION_PARAMETERS.contains(name) && !name.startsWith("X-Amz-")) {
        throw new S3Failure(S3Error.ACCESS_DENIED, "Access Denied: the '" + name + "' sub-resource is not allowed");
      }
    }
  }

  int partNumber() {
    try {
      return MultipartUpload.requirePartNumber(Integer.parseInt(query.get("partNumber")));
    } catch (NumberFormatException e) {
      throw new S3Failure(S3Error.INVALID_ARGUMENT, "Part number must be an integer between 1 and " + MultipartUpload.MAX_PARTS + ", inclusive");
    }
  }

  /** An integer parameter within [min, max], or its default when absent. */
  int boundedInt(String name, int absent, int min, int max) {
    String value = query.get(name);
    if (value == null) {
      return absent;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new S3Failure(S3Error.INVALID_ARGUMENT, name + " must be an integer between " + min + " and " + max);
  }
}
