package dev.hangar.domain.storage;

import dev.hangar.domain.failure.InvalidValueException;

/** A version id of a versioned S3 object. */
public record ObjectVersion(String value) {
  private static final int MAX_LENGTH = 1024;

  public ObjectVersion {
    if (value == null) {
      throw InvalidValueException.missing("ObjectVersion");
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new InvalidValueException("ObjectVersion", value, "Member must have length between 1 and " + MAX_LENGTH);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
