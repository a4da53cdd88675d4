package dev.hangar.application.port.in;

public interface CreateMultipartUploadUseCase {
  /** @return the upload id */
  String createMultipartUpload(CreateMultipartUploadCommand command);
}
