package dev.hangar.domain.storage;

import dev.hangar.domain.failure.InvalidValueException;

/** How much the upload endpoint accepts: per part, per object, and in all for one account. */
public record UploadLimits(long maxPartBytes, long maxObjectBytes, long maxAccountBytes) {
  public UploadLimits {
    if (maxPartBytes < MultipartUpload.MIN_PART_SIZE || maxObjectBytes < 1 || maxAccountBytes < maxObjectBytes) {
      throw new InvalidValueException("UploadLimits", maxPartBytes + "/" + maxObjectBytes + "/" + maxAccountBytes,
          "the part limit must be at least 5 MiB, and the account limit at least the object limit");
    }
  }
}
