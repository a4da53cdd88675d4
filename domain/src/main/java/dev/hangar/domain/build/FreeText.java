package dev.hangar.domain.build;

import dev.hangar.domain.failure.InvalidValueException;

/** A descriptive label (a build's Name or Version): 1 to 1,024 characters, need not be unique. */
public record FreeText(String value) {
  public static final int MAX_LENGTH = 1024;

  public FreeText {
    if (value == null) {
      throw InvalidValueException.missing("FreeText");
    }
  }

  /** Checks the model's NonZeroAndMaxString rule, naming the wire member. */
  public static FreeText of(String field, String value) {
    if (value == null) {
      throw InvalidValueException.missing(field);
    }
    int length = value.codePointCount(0, value.length());
    if (length < 1 || length > MAX_LENGTH) {
      throw new InvalidValueException(field, value, "Member must have length between 1 and " + MAX_LENGTH);
    }
    return new FreeText(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
