package dev.hangar.domain.build;

import dev.hangar.domain.failure.InvalidValueException;

/** The life cycle of a build: defined, then files acquired (READY) or rejected (FAILED). */
public enum BuildStatus {
  INITIALIZED,
  READY,
  FAILED;

  public static BuildStatus parse(String field, String value) {
    for (BuildStatus status : values()) {
      if (status.name().equals(value)) {
        return status;
      }
    }
    throw new InvalidValueException(field, value, "Member must satisfy enum value set: [INITIALIZED, READY, FAILED]");
  }
}
