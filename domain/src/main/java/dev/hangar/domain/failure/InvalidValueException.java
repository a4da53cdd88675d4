package dev.hangar.domain.failure;

/**
 * A value broke one of its shape rules. Names the field, the constraint it broke and, when it is safe and
 * short, the value itself, so that the wire adapter can say exactly what was wrong.
 */
public final class InvalidValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_ECHOED_LENGTH = 256;

  private final String field;
  private final String constraint;
  private final transient String value;
  private final boolean constraintForm;

  public InvalidValueException(String field, String value, String constraint) {
    this(describe(field, value, constraint), field, value, constraint, true);
  }

  private InvalidValueException(String message, String field, String value, String constraint, boolean constraintForm) {
    super(message);
    this.constraintForm = constraintForm;
    this.field = field;
    this.constraint = constraint;
    this.value = value;
  }

  /** A value refused as a whole, without repeating it (an opaque token, for one). */
  public static InvalidValueException rejected(String field, String reason) {
    return new InvalidValueException("Invalid " + field + ": " + reason, field, null, reason, false);
  }

  /** A missing required value. */
  public static InvalidValueException missing(String field) {
    return new InvalidValueException(field, null, "Member must not be null");
  }

  /** True when the message has AWS's validation form: {@code Value … at '…' failed to satisfy constraint: …}. */
  public boolean isConstraintViolation() {
    return constraintForm;
  }

  public String field() {
    return field;
  }

  public String constraint() {
    return constraint;
  }

  /** The offending value, or {@code null} when it was missing or too long to repeat. */
  public String echoedValue() {
    return value == null || value.length() > MAX_ECHOED_LENGTH ? null : value;
  }

  private static String describe(String field, String value, String constraint) {
    String shown = value == null ? "null" : value.length() > MAX_ECHOED_LENGTH ? "(" + value.length() + " characters)" : "'" + value + "'";
    return "Value " + shown + " at '" + field + "' failed to satisfy constraint: " + constraint;
  }
}
