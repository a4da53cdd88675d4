package dev.hangar.application.port.in;

public interface AbortMultipartUploadUseCase {
  void abortMultipartUpload(AbortMultipartUploadCommand command);
}
