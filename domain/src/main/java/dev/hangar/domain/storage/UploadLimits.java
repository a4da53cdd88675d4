package dev.hangar.domain.storage;

import dev.hangar.domain.failure.InvalidValueException;

/**
 * What one account may store: bytes per part, per object and in all; builds in all; multipart uploads open at once
 * on one build. GameLift's defaults are 1,000 builds and 100 GB of build files per account.
 */
public record UploadLimits(long maxPartBytes, long maxObjectBytes, long maxAccountBytes, int maxBuildsPerAccount,
    int maxOpenUploadsPerBuild) {
  public static final int DEFAULT_MAX_BUILDS_PER_ACCOUNT = 1000;
  public static final int DEFAULT_MAX_OPEN_UPLOADS_PER_BUILD = 100;

  public UploadLimits {
    if (maxPartBytes < MultipartUpload.MIN_PART_SIZE || maxObjectBytes < 1 || maxAccountBytes < maxObjectBytes) {
      throw new InvalidValueException("UploadLimits", maxPartBytes + "/" + maxObjectBytes + "/" + maxAccountBytes,
          "the part limit must be at least 5 MiB, and the account limit at least the object limit");
    }
    if (maxBuildsPerAccount < 1 || maxOpenUploadsPerBuild < 1) {
      throw new InvalidValueException("UploadLimits", maxBuildsPerAccount + "/" + maxOpenUploadsPerBuild,
          "an account may hold at least one build, and a build at least one open multipart upload");
    }
  }

  /** These byte limits with GameLift's default quota of builds and the default of open uploads per build. */
  public UploadLimits(long maxPartBytes, long maxObjectBytes, long maxAccountBytes) {
    this(maxPartBytes, maxObjectBytes, maxAccountBytes, DEFAULT_MAX_BUILDS_PER_ACCOUNT, DEFAULT_MAX_OPEN_UPLOADS_PER_BUILD);
  }
}
