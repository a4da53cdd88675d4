package dev.hangar.application.service;

import dev.hangar.application.port.in.ReconcileStorageUseCase;
import dev.hangar.application.port.in.SyncBuildFilesUseCase;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.CatalogScan;
import dev.hangar.application.port.out.StoredObjectScan;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.storage.KeyLayout;
import dev.hangar.domain.storage.StorageLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class ReconcileStorageService implements ReconcileStorageUseCase {
  private final CatalogScan catalog;
  private final BuildRepository builds;
  private final StoredObjectScan objects;
  private final BuildStorage storage;
  private final SyncBuildFilesUseCase files;

  /** {@code files} is the full sync ({@link SyncBuildFilesService}), whatever the node uses on reads. */
  public ReconcileStorageService(CatalogScan catalog, BuildRepository builds, StoredObjectScan objects, BuildStorage storage,
      SyncBuildFilesUseCase files) {
    this.catalog = catalog;
    this.builds = builds;
    this.objects = objects;
    this.storage = storage;
    this.files = files;
  }

  @Override
  public Report reconcileStorage() {
    List<StorageLocation> orphans = new ArrayList<>();
    objects.forEachObject(location -> {
      Optional<KeyLayout.Owner> owner = storage.ownerOf(location.bucket(), location.key());
      if (owner.isEmpty() || builds.find(owner.get().account(), owner.get().buildId()).isEmpty()) {
        orphans.add(location);
      }
    });
    orphans.forEach(storage::deleteFiles);
    int[] counts = new int[2];
    catalog.forEachBuild(build -> {
      counts[0]++;
      Build synced = files.syncBuildFiles(build);
      if (synced.status() != build.status()) {
        counts[1]++;
      }
    });
    return new Report(counts[0], counts[1], orphans.size());
  }
}
