package dev.hangar.domain.storage;

import dev.hangar.domain.failure.InvalidValueException;
import java.util.regex.Pattern;

/** The ARN of an IAM role that lets the service read a caller-owned bucket. */
public record RoleArn(String value) {
  private static final Pattern SHAPE = Pattern.compile("arn:[a-z-]+:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  public RoleArn {
    if (value == null) {
      throw InvalidValueException.missing("RoleArn");
    }
    if (!SHAPE.matcher(value).matches()) {
      throw new InvalidValueException("RoleArn", value, "Member must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
