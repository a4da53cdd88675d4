package dev.hangar.adapter.http.sigv4;

import java.util.Optional;

/** Why a request's signature was refused; each protocol maps the reason to its own wire error. */
public final class SigV4Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The reasons a SigV4 check refuses a request, in the order the checks run. */
  public enum Reason {
    /** No Authorization header and no X-Amz-Algorithm query parameter. */
    MISSING_AUTHENTICATION,
    /** Authorization header or presigned parameters unparsable, incomplete, or both kinds at once. */
    MALFORMED,
    /** The credential scope names another region. */
    WRONG_REGION,
    /** The credential scope names another service, date or terminator. */
    WRONG_SCOPE,
    /** The request's date is more than the allowed skew away from the server's clock. */
    REQUEST_TIME_SKEWED,
    /** A presigned URL used after X-Amz-Date + X-Amz-Expires. */
    PRESIGNED_EXPIRED,
    /** The access key id is not known. */
    UNKNOWN_ACCESS_KEY,
    /** Temporary credentials used without their session token, or a token where none belongs. */
    INVALID_TOKEN,
    /** Temporary credentials past their expiry. */
    EXPIRED_TOKEN,
    /** A required header (host, x-amz-date) is not signed, a signed header is absent, or an x-amz-* header is unsigned. */
    UNSIGNED_HEADERS,
    /** The recomputed signature differs. */
    SIGNATURE_MISMATCH
  }

  private final Reason reason;
  private final String expectedRegion;

  public SigV4Exception(Reason reason, String message) {
    this(reason, message, null);
  }

  public SigV4Exception(Reason reason, String message, String expectedRegion) {
    super(message, null, false, false);
    this.reason = reason;
    this.expectedRegion = expectedRegion;
  }

  public Reason reason() {
    return reason;
  }

  /** For {@link Reason#WRONG_REGION}: the region this endpoint signs for. */
  public Optional<String> expectedRegion() {
    return Optional.ofNullable(expectedRegion);
  }
}
