package dev.hangar.application.port.in;

import dev.hangar.domain.storage.StoredObject;

/** Assembles the object, then the build becomes READY (or FAILED for a bad zip). */
public interface CompleteMultipartUploadUseCase {
  StoredObject completeMultipartUpload(CompleteMultipartUploadCommand command);
}
