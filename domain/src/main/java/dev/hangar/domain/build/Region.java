package dev.hangar.domain.build;

import dev.hangar.domain.failure.InvalidValueException;
import java.util.regex.Pattern;

/** An AWS region name such as {@code us-west-2}. */
public record Region(String value) {
  private static final Pattern SHAPE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  public Region {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new InvalidValueException("Region", value, "Member must be a region name such as us-west-2");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
