package dev.hangar.domain.storage;

import dev.hangar.domain.failure.InvalidValueException;

/**
 * An object that storage holds in full: its length in bytes, its S3 ETag (quoted, as S3 sends it) and the
 * id of this version of it.
 */
public record StoredObject(long size, String etag, String versionId) {
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
  }
}
