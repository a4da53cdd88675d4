package dev.hangar.application.port.in;

import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.util.Objects;

/** An object the caller may read: where it is and what it is (HeadObject), to be opened for GetObject. */
public record BuildObject(StorageLocation location, StoredObject object) {
  public BuildObject {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(object, "object");
  }
}
