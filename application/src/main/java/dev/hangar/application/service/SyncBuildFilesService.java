package dev.hangar.application.service;

import dev.hangar.application.port.in.SyncBuildFilesUseCase;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildArchive;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.util.Optional;

public final class SyncBuildFilesService implements SyncBuildFilesUseCase {
  private final BuildRepository builds;
  private final BuildStorage storage;

  public SyncBuildFilesService(BuildRepository builds, BuildStorage storage) {
    this.builds = builds;
    this.storage = storage;
  }

  @Override
  public Build syncBuildFiles(Build build) {
    if (build.storageLocation().isCallerOwned() || build.status() == BuildStatus.FAILED) {
      return build;
    }
    StorageLocation location = storage.locationFor(build.owner(), build.id());
    Optional<StoredObject> stored = storage.find(location);
    if (build.status() == BuildStatus.INITIALIZED) {
      if (stored.isEmpty()) {
        return build;
      }
      BuildArchive.Verdict verdict = BuildArchive.judge(storage.archiveEntries(location));
      return builds.update(build.owner(), build.id(),
          current -> current.status() == BuildStatus.INITIALIZED ? current.acceptFiles(stored.get(), verdict) : current).orElse(build);
    }
    if (build.files().isEmpty() || stored.isPresent() && build.hasFiles(stored.get())) {
      return build;
    }
    return builds.update(build.owner(), build.id(),
        current -> current.status() == BuildStatus.READY && !stored.map(current::hasFiles).orElse(false) ? current.filesChanged() : current)
        .orElse(build);
  }
}
