package dev.hangar.adapter.http.s3;

import java.util.Map;

/** A refusal decided by the S3 endpoint, with its S3 error, message and any extra elements of the error body. */
final class S3Failure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final S3Error error;
  private final transient Map<String, String> extra;
  private final transient Map<String, String> headers;

  S3Failure(S3Error error) {
    this(error, error.message(), Map.of());
  }

  S3Failure(S3Error error, String message) {
    this(error, message, Map.of());
  }

  S3Failure(S3Error error, String message, Map<String, String> extra) {
    this(error, message, extra, Map.of());
  }

  /** @param headers response headers that belong to this error (416's {@code Content-Range}) */
  S3Failure(S3Error error, String message, Map<String, String> extra, Map<String, String> headers) {
    super(message, null, false, false);
    this.error = error;
    this.extra = extra;
    this.headers = headers;
  }

  S3Error error() {
    return error;
  }

  Map<String, String> extra() {
    return extra;
  }

  Map<String, String> headers() {
    return headers;
  }
}
