package dev.hangar.domain.build;

import dev.hangar.domain.failure.InvalidTagException;
import java.util.Locale;

/**
 * A user tag, under AWS's rules: a key of 1 to 128 characters, a value of 0 to 256, and the
 * {@code aws:} prefix reserved for AWS.
 */
public record Tag(String key, String value) {
  public static final int MAX_KEY_LENGTH = 128;
  public static final int MAX_VALUE_LENGTH = 256;
  private static final String RESERVED_PREFIX = "aws:";

  public Tag {
    requireUsableKey(key);
    if (value == null) {
      throw new InvalidTagException("Tag value for key '" + key + "' must not be null");
    }
    if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
      throw new InvalidTagException("Tag value for key '" + key + "' must be at most " + MAX_VALUE_LENGTH + " characters");
    }
  }

  /** Checks a key as given to TagResource or UntagResource: length and the reserved prefix. */
  public static String requireUsableKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidTagException("Tag keys must be between 1 and " + MAX_KEY_LENGTH + " characters");
    }
    if (key.codePointCount(0, key.length()) > MAX_KEY_LENGTH) {
      throw new InvalidTagException("Tag keys must be between 1 and " + MAX_KEY_LENGTH + " characters");
    }
    if (key.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
      throw new InvalidTagException("Tag keys starting with 'aws:' are reserved for AWS use: '" + key + "'");
    }
    return key;
  }
}
