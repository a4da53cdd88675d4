package dev.hangar.domain.credential;

import dev.hangar.domain.failure.InvalidValueException;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import java.time.Instant;
import java.util.Objects;

/**
 * Short-lived credentials that may write one object, and nothing else, until they expire. The secret
 * and the session token never appear in {@link #toString()}.
 */
public record CredentialLease(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    UploadTarget target,
    Instant issuedAt,
    Instant expiresAt) {

  public CredentialLease {
    requireText("AccessKeyId", accessKeyId);
    requireText("SecretAccessKey", secretAccessKey);
    requireText("SessionToken", sessionToken);
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(issuedAt)) {
      throw new InvalidValueException("Expiration", expiresAt.toString(), "A lease must expire after it is issued");
    }
  }

  /** True from the instant of issue up to, not including, the instant of expiry. */
  public boolean isValidAt(Instant now) {
    return !now.isBefore(issuedAt) && now.isBefore(expiresAt);
  }

  /** True when this lease may write exactly that bucket and key at {@code now}. */
  public boolean permitsWrite(BucketName bucket, ObjectKey key, Instant now) {
    return isValidAt(now) && target.location().isExactly(bucket, key);
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw InvalidValueException.missing(field);
    }
  }

  @Override
  public String toString() {
    return "CredentialLease[accessKeyId=" + accessKeyId + ", secretAccessKey=****, sessionToken=****, target="
        + target.location() + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
  }
}
