package dev.hangar.application.port.in;

import java.util.Objects;

/** One multipart upload, named by its id, to abort: its parts go. */
public record AbortMultipartUploadCommand(UploadRequest where, String uploadId) {
  public AbortMultipartUploadCommand {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(uploadId, "uploadId");
  }
}
