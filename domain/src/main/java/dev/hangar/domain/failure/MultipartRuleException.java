package dev.hangar.domain.failure;

/** A multipart completion refused by S3's rules ({@code MultipartUpload}); the violation names which rule. */
public final class MultipartRuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Which rule a completion broke; each has its own S3 error. */
  public enum Violation { INVALID_PART, INVALID_PART_ORDER, ENTITY_TOO_SMALL, MALFORMED }

  private final Violation violation;

  public MultipartRuleException(Violation violation, String message) {
    super(message, null, false, false);
    this.violation = violation;
  }

  public Violation violation() {
    return violation;
  }
}
