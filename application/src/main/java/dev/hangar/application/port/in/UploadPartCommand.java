package dev.hangar.application.port.in;

import java.io.InputStream;
import java.util.Objects;

public record UploadPartCommand(UploadRequest where, String uploadId, int partNumber, long declaredLength, InputStream content) {
  public UploadPartCommand {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(uploadId, "uploadId");
    Objects.requireNonNull(content, "content");
  }
}
