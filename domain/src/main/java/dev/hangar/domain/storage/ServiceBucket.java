package dev.hangar.domain.storage;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import java.util.Objects;
import java.util.Optional;

/** The service's own bucket and the key layout of build files in it: where a build's files go, and whose a key is. */
public record ServiceBucket(BucketName bucket, KeyLayout layout) {
  public ServiceBucket {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(layout, "layout");
  }

  public StorageLocation locationFor(AccountId owner, BuildId id) {
    return StorageLocation.serviceOwned(bucket, layout.keyFor(owner, id));
  }

  /** The build a key of this bucket belongs to; empty for another bucket or a key outside the layout. */
  public Optional<KeyLayout.Owner> ownerOf(BucketName otherBucket, ObjectKey key) {
    return bucket.equals(otherBucket) ? layout.ownerOf(key) : Optional.empty();
  }
}
