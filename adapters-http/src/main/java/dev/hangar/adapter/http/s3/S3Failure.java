package dev.hangar.adapter.http.s3;

import java.util.Map;

/** A refusal decided by the S3 endpoint, with its S3 error, message and any extra elements of the error body. */
final class S3Failure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final S3Error error;
  private final transient Map<String, String> extra;

  S3Failure(S3Error error) {
    this(error, error.message(), Map.of());
  }

  S3Failure(S3Error error, String message) {
    this(error, message, Map.of());
  }

  S3Failure(S3Error error, String message, Map<String, String> extra) {
    super(message, null, false, false);
    this.error = error;
    this.extra = extra;
  }

  S3Error error() {
    return error;
  }

  Map<String, String> extra() {
    return extra;
  }
}
