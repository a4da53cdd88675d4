package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import java.util.Objects;

/** An account reading back one of its builds' objects. */
public record GetBuildObjectQuery(AccountId caller, BucketName bucket, ObjectKey key) {
  public GetBuildObjectQuery {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
  }
}
