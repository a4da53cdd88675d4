package dev.hangar.domain.storage;

import dev.hangar.domain.failure.InvalidValueException;
import java.nio.charset.StandardCharsets;

/** An S3 object key: 1 to 1,024 bytes of UTF-8, taken literally ({@code a/../b} is not {@code b}). */
public record ObjectKey(String value) {
  private static final int MAX_BYTES = 1024;

  public ObjectKey {
    if (value == null) {
      throw InvalidValueException.missing("Key");
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < 1 || bytes > MAX_BYTES) {
      throw new InvalidValueException("Key", value, "Member must be between 1 and " + MAX_BYTES + " bytes of UTF-8");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
