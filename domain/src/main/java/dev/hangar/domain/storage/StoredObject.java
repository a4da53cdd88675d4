package dev.hangar.domain.storage;

import dev.hangar.domain.failure.InvalidValueException;
import java.time.Instant;

/**
 * An object that storage holds in full: its length in bytes, its S3 ETag (quoted, as S3 sends it), the id of
 * this version of it and when this version was stored (S3's LastModified).
 */
public record StoredObject(long size, String etag, String versionId, Instant lastModified) {
  public StoredObject {
    if (size < 0) {
      throw new InvalidValueException("size", Long.toString(size), "Member must not be negative");
    }
    if (etag == null || etag.isEmpty()) {
      throw InvalidValueException.missing("ETag");
    }
    if (versionId == null || versionId.isEmpty()) {
      throw InvalidValueException.missing("VersionId");
    }
    if (lastModified == null) {
      throw InvalidValueException.missing("LastModified");
    }
  }
}
