package dev.hangar.application.port.in;

import java.util.Objects;

/** One multipart upload, named by its id: the input of AbortMultipartUpload and ListParts. */
public record MultipartUploadCommand(UploadRequest where, String uploadId) {
  public MultipartUploadCommand {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(uploadId, "uploadId");
  }
}
