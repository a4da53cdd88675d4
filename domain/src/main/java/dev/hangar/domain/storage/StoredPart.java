package dev.hangar.domain.storage;

import dev.hangar.domain.failure.InvalidValueException;
import java.time.Instant;
import java.util.Objects;

/** One part of a multipart upload as storage holds it: number, size, MD5 (hex) and when it was written. */
public record StoredPart(int partNumber, long size, String md5Hex, Instant lastModified) {
  public StoredPart {
    MultipartUpload.requirePartNumber(partNumber);
    if (size < 0) {
      throw new InvalidValueException("size", Long.toString(size), "Member must not be negative");
    }
    Objects.requireNonNull(md5Hex, "md5Hex");
    Objects.requireNonNull(lastModified, "lastModified");
  }

  /** The part's ETag as S3 returns it: the quoted hex MD5 of its bytes. */
  public String etag() {
    return "\"" + md5Hex + "\"";
  }
}
