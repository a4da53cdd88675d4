package dev.hangar.domain.build;

import dev.hangar.domain.failure.InvalidValueException;
import java.util.regex.Pattern;

/** A twelve-digit AWS account id: every build belongs to one. */
public record AccountId(String value) {
  private static final Pattern SHAPE = Pattern.compile("\\d{12}");

  public AccountId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new InvalidValueException("AccountId", value, "Member must be twelve digits");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
