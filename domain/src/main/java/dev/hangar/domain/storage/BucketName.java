package dev.hangar.domain.storage;

import dev.hangar.domain.failure.InvalidValueException;
import java.util.regex.Pattern;

/**
 * An S3 bucket name under S3's naming rules, minus the dot: GameLift does not support buckets whose
 * names contain one.
 */
public record BucketName(String value) {
  private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

  public BucketName {
    if (value == null) {
      throw InvalidValueException.missing("Bucket");
    }
    if (value.indexOf('.') >= 0) {
      throw new InvalidValueException("Bucket", value, "Bucket names containing a dot (.) are not supported");
    }
    if (!SHAPE.matcher(value).matches()) {
      throw new InvalidValueException("Bucket", value,
          "Member must be a valid S3 bucket name (3 to 63 lowercase letters, digits and hyphens)");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
