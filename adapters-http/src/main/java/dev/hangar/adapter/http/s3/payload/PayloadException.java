package dev.hangar.adapter.http.s3.payload;

import dev.hangar.application.port.out.UploadContentException;
import java.util.Objects;

/**
 * A request body that cannot be accepted: its framing, length, hash, checksum or chunk signatures are wrong.
 * Unchecked and without a stack trace (it is an expected outcome, not a bug); the HTTP layer maps {@link #code()}
 * to an S3 error. Messages never carry keys, signatures or body bytes. Raised from a verifying stream's
 * {@code read}, it reaches a store as the {@link UploadContentException} its port declares, and comes back out unchanged.
 */
public final class PayloadException extends UploadContentException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, one constant per S3 error the endpoint answers with. */
  public enum Code {
    /** A checksum (header or trailer) does not match the body: S3 {@code BadDigest}. */
    BAD_DIGEST,
    /** The hex {@code x-amz-content-sha256} does not match the body: S3 {@code XAmzContentSHA256Mismatch}. */
    CONTENT_SHA256_MISMATCH,
    /** A chunk or trailer signature is wrong: S3 {@code SignatureDoesNotMatch}. */
    SIGNATURE_DOES_NOT_MATCH,
    /** The body ended early or is shorter than announced: S3 {@code IncompleteBody}. */
    INCOMPLETE_BODY,
    /** Bad aws-chunked framing, oversize chunk or line, bytes after the end, or more bytes than announced. */
    MALFORMED,
    /** A checksum value that is not canonical base64 of the algorithm's digest length: S3 {@code InvalidDigest}. */
    INVALID_DIGEST
  }

  private final Code code;

  public PayloadException(Code code, String message) {
    super(message, null);
    this.code = Objects.requireNonNull(code, "code");
  }

  public Code code() {
    return code;
  }
}
