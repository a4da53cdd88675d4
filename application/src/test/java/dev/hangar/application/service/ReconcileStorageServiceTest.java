package dev.hangar.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.fixture.TestZips;
import dev.hangar.application.port.in.ReconcileStorageUseCase;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.CatalogScan;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.storage.StorageLocation;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What start-up does with each state a crash can leave a build and its files in. */
class ReconcileStorageServiceTest {
  private final ServiceFixture f = new ServiceFixture();
  private final List<StorageLocation> stored = new ArrayList<>();

  /** Every build of the caller's account: the fixture's one account is the whole catalog. */
  private final CatalogScan catalog = action -> {
    for (Build build : f.builds.list(f.caller, Optional.empty(), Optional.empty(), 1000).builds()) {
      action.accept(build);
    }
  };

  private ReconcileStorageUseCase.Report reconcile() {
    return new ReconcileStorageService(catalog, f.builds, action -> List.copyOf(stored).forEach(action), f.storage,
        new SyncBuildFilesService(f.builds, f.storage)).reconcileStorage();
  }

  private StorageLocation put(Build build, byte[] bytes) {
    StorageLocation location = f.storage.locationFor(build.owner(), build.id());
    f.storage.putObject(location, new ByteArrayInputStream(bytes));
    stored.add(location);
    return location;
  }

  @Test
  void objectOfNoBuild_deleted_ownedObjectsKept() {
    Build kept = f.createBuild();
    StorageLocation keptLocation = put(kept, TestZips.gameServer());
    Build gone = f.createBuild();
    StorageLocation orphan = put(gone, TestZips.gameServer());
    f.builds.remove(gone.owner(), gone.id());
    StorageLocation foreign = StorageLocation.serviceOwned(TestBuilds.BUCKET, new dev.hangar.domain.storage.ObjectKey("not/a/build/key"));
    stored.add(foreign);
    ReconcileStorageUseCase.Report report = reconcile();
    assertThat(f.storage.deleted).containsExactlyInAnyOrder(orphan, foreign).doesNotContain(keptLocation);
    assertThat(report.orphanObjectsDeleted()).isEqualTo(2);
  }

  @Test
  void initializedWithCompleteObject_judged() {
    Build usable = f.createBuild();
    put(usable, TestZips.gameServer());
    Build notAZip = f.createBuild();
    put(notAZip, "not a zip".getBytes());
    Build waiting = f.createBuild();
    ReconcileStorageUseCase.Report report = reconcile();
    BuildRepository builds = f.builds;
    assertThat(builds.find(f.caller, usable.id()).orElseThrow().status()).isEqualTo(BuildStatus.READY);
    assertThat(builds.find(f.caller, notAZip.id()).orElseThrow().status()).isEqualTo(BuildStatus.FAILED);
    assertThat(builds.find(f.caller, waiting.id()).orElseThrow().status()).isEqualTo(BuildStatus.INITIALIZED);
    assertThat(report.builds()).isEqualTo(3);
    assertThat(report.buildsChanged()).isEqualTo(2);
  }

  @Test
  void readyWhoseObjectIsGone_failed() {
    Build build = f.createBuild();
    StorageLocation location = put(build, TestZips.gameServer());
    reconcile();
    assertThat(f.builds.find(f.caller, build.id()).orElseThrow().status()).isEqualTo(BuildStatus.READY);
    f.storage.deleteFiles(location);
    stored.remove(location);
    reconcile();
    assertThat(f.builds.find(f.caller, build.id()).orElseThrow().status()).isEqualTo(BuildStatus.FAILED);
  }
}
