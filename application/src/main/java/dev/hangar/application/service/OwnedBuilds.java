package dev.hangar.application.service;

import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import java.util.Optional;

/**
 * The one rule for an object in the service's own bucket: it is the files of the build its key names, and
 * only the account that owns that build, while the build exists, may reach it.
 */
final class OwnedBuilds {
  private OwnedBuilds() {
  }

  /** The caller's build whose files live at that bucket and key, if there is one. */
  static Optional<Build> at(BuildStorage storage, BuildRepository builds, AccountId caller, BucketName bucket, ObjectKey key) {
    return storage.ownerOf(bucket, key)
        .filter(owner -> owner.account().equals(caller))
        .flatMap(owner -> builds.find(owner.account(), owner.buildId()));
  }
}
