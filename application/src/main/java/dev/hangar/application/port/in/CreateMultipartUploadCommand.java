package dev.hangar.application.port.in;

import java.util.Objects;

/** A new multipart upload of the object the request names. */
public record CreateMultipartUploadCommand(UploadRequest where) {
  public CreateMultipartUploadCommand {
    Objects.requireNonNull(where, "where");
  }
}
