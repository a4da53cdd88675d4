package dev.hangar.application.port.in;

import dev.hangar.domain.storage.StoredPart;

public interface UploadPartUseCase {
  StoredPart uploadPart(UploadPartCommand command);
}
