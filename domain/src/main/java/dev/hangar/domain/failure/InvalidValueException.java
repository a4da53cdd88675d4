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

  public InvalidValueException(String field, String value, String constraint) {
    super(describe(field, value, constraint));
    this.field = field;
    this.constraint = constraint;
    this.value = value;
  }

  /** A missing required value. */
  public static InvalidValueException missing(String field) {
    return new InvalidValueException(field, null, "Member must not be null");
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
