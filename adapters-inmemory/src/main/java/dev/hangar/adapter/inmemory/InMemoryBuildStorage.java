package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StorageLocation;
import java.util.Objects;

/**
 * Build locations in the service's bucket, keyed {@code <account>/<build id>} as GameLift does. This
 * adapter keeps no files: the embedded upload endpoint brings its own file store.
 */
public final class InMemoryBuildStorage implements BuildStorage {
  private final BucketName bucket;

  public InMemoryBuildStorage(BucketName bucket) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  @Override
  public StorageLocation locationFor(AccountId owner, BuildId id) {
    return StorageLocation.serviceOwned(bucket, new ObjectKey(owner.value() + "/" + id.value()));
  }

  @Override
  public void deleteFiles(StorageLocation location) {
    // Nothing is stored in memory.
  }
}
