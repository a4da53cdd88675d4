package dev.hangar.application.port.out;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.storage.StorageLocation;

/** The storage that holds the files of builds uploaded to the service's own bucket. */
public interface BuildStorage {
  /** Where the files of that build go: the service's bucket and a key that belongs to that build alone. */
  StorageLocation locationFor(AccountId owner, BuildId id);

  /** Deletes whatever is stored at that location; nothing stored is not an error. */
  void deleteFiles(StorageLocation location);
}
