package dev.hangar.domain.credential;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.failure.InvalidValueException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Long-term API keys and the account they act for. The secret never appears in {@link #toString()}.
 */
public record Principal(String accessKeyId, String secretAccessKey, AccountId account) {
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9]{3,128}");
  private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]{8,128}");

  public Principal {
    if (accessKeyId == null || !ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
      throw new InvalidValueException("accessKeyId", accessKeyId, "Member must be 3 to 128 letters and digits");
    }
    if (secretAccessKey == null || !SECRET.matcher(secretAccessKey).matches()) {
      // The value is a secret: it is never repeated, not even in an error.
      throw InvalidValueException.rejected("secretAccessKey", "must be 8 to 128 printable characters without spaces");
    }
    Objects.requireNonNull(account, "account");
  }

  @Override
  public String toString() {
    return "Principal[accessKeyId=" + accessKeyId + ", secretAccessKey=****, account=" + account + "]";
  }
}
