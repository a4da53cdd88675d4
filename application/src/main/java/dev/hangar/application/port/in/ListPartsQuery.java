package dev.hangar.application.port.in;

import java.util.Objects;

/** One multipart upload, named by its id, to list the parts stored so far. */
public record ListPartsQuery(UploadRequest where, String uploadId) {
  public ListPartsQuery {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(uploadId, "uploadId");
  }
}
