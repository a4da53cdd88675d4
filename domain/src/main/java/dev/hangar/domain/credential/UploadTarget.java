package dev.hangar.domain.credential;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.storage.StorageLocation;
import java.util.Objects;

/** What an upload lease is for: one build of one account, and the one object its files go to. */
public record UploadTarget(AccountId account, BuildId buildId, StorageLocation location) {
  public UploadTarget {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(location, "location");
  }
}
