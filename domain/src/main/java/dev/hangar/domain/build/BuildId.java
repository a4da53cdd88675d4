package dev.hangar.domain.build;

import dev.hangar.domain.failure.InvalidValueException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A build id. The shape is the model's ({@code build-\S+}) so that an id Hangar never issued is a
 * NotFound, not an invalid request; ids that Hangar issues are {@code build-<uuid>}.
 */
public record BuildId(String value) {
  static final int MAX_LENGTH = 1011;
  private static final Pattern SHAPE = Pattern.compile("build-\\S+");

  public BuildId {
    if (value == null || value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
      throw new InvalidValueException("BuildId", value, "Member must satisfy regular expression pattern: ^build-\\S+");
    }
  }

  public static BuildId of(UUID uuid) {
    return new BuildId("build-" + uuid);
  }

  @Override
  public String toString() {
    return value;
  }
}
