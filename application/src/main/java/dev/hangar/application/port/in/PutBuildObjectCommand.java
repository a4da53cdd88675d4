package dev.hangar.application.port.in;

import java.io.InputStream;
import java.util.Objects;

/** A whole object: its declared length (checked against the limits before a byte is read) and its bytes. */
public record PutBuildObjectCommand(UploadRequest where, long declaredLength, InputStream content) {
  public PutBuildObjectCommand {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(content, "content");
  }
}
