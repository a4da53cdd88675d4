package dev.hangar.application.port.in;

import dev.hangar.domain.storage.MultipartUpload;
import java.util.List;
import java.util.Objects;

public record CompleteMultipartUploadCommand(UploadRequest where, String uploadId, List<MultipartUpload.RequestedPart> parts) {
  public CompleteMultipartUploadCommand {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(uploadId, "uploadId");
    parts = List.copyOf(parts);
  }
}
