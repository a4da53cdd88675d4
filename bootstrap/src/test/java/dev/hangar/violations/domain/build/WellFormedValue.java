package dev.hangar.violations.domain.build;

import java.util.Objects;

/** Follows every rule: a domain record that uses only the JDK. */
public record WellFormedValue(String value) {
  public WellFormedValue {
    Objects.requireNonNull(value, "value");
  }
}
