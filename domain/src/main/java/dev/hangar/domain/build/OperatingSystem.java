package dev.hangar.domain.build;

import dev.hangar.domain.failure.InvalidValueException;

/** The operating systems GameLift builds can target; fixed at creation. */
public enum OperatingSystem {
  WINDOWS_2012,
  AMAZON_LINUX,
  AMAZON_LINUX_2,
  WINDOWS_2016,
  AMAZON_LINUX_2023,
  WINDOWS_2022;

  private static final String CONSTRAINT = "Member must satisfy enum value set: "
      + "[WINDOWS_2012, AMAZON_LINUX, AMAZON_LINUX_2, WINDOWS_2016, AMAZON_LINUX_2023, WINDOWS_2022]";

  public static OperatingSystem parse(String field, String value) {
    for (OperatingSystem os : values()) {
      if (os.name().equals(value)) {
        return os;
      }
    }
    throw new InvalidValueException(field, value, CONSTRAINT);
  }
}
