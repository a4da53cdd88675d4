package dev.hangar.application.port.in;

import dev.hangar.domain.storage.StoredObject;

/** PutObject on the build's key: stores the zip, then the build becomes READY (or FAILED for a bad zip). */
public interface PutBuildObjectUseCase {
  StoredObject putBuildObject(PutBuildObjectCommand command);
}
