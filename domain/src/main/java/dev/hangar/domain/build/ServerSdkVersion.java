package dev.hangar.domain.build;

import dev.hangar.domain.failure.InvalidValueException;
import java.util.regex.Pattern;

/** The GameLift server SDK version a build uses: {@code major.minor.patch}, 4.0.2 when not given. */
public record ServerSdkVersion(String value) {
  private static final Pattern SHAPE = Pattern.compile("\\d+\\.\\d+\\.\\d+");
  private static final int MAX_LENGTH = 128;
  public static final ServerSdkVersion DEFAULT = new ServerSdkVersion("4.0.2");

  public ServerSdkVersion {
    if (value == null) {
      throw InvalidValueException.missing("ServerSdkVersion");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidValueException("ServerSdkVersion", value, "Member must have length less than or equal to " + MAX_LENGTH);
    }
    if (!SHAPE.matcher(value).matches()) {
      throw new InvalidValueException("ServerSdkVersion", value, "Member must satisfy regular expression pattern: ^\\d+\\.\\d+\\.\\d+$");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
