package dev.hangar.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.application.port.in.DescribeBuildQuery;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.storage.StorageLocation;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** Where uploads go straight to storage, reading a build brings it up to date with its files. */
class SyncBuildFilesServiceTest {
  private final ServiceFixture f = new ServiceFixture();

  private StorageLocation locationOf(Build build) {
    return f.storage.locationFor(build.owner(), build.id());
  }

  @Test
  void describe_objectArrived_readyWithItsSizeAndRecordedObject() {
    Build build = f.createBuild();
    byte[] zip = TestZips.gameServer();
    var stored = f.storage.putObject(locationOf(build), new ByteArrayInputStream(zip));
    Build described = f.describe.describeBuild(new DescribeBuildQuery(f.caller, f.byId(build)));
    assertThat(described.status()).isEqualTo(BuildStatus.READY);
    assertThat(described.sizeOnDisk()).isEqualTo(zip.length);
    assertThat(described.files()).contains(stored);
    assertThat(f.builds.find(f.caller, build.id()).orElseThrow().status()).isEqualTo(BuildStatus.READY);
  }

  @Test
  void describe_noObjectYet_stillInitialized() {
    Build build = f.createBuild();
    assertThat(f.describe.describeBuild(new DescribeBuildQuery(f.caller, f.byId(build))).status()).isEqualTo(BuildStatus.INITIALIZED);
  }

  @Test
  void describe_notAZip_failed() {
    Build build = f.createBuild();
    f.storage.putObject(locationOf(build), new ByteArrayInputStream("nope".getBytes()));
    assertThat(f.describe.describeBuild(new DescribeBuildQuery(f.caller, f.byId(build))).status()).isEqualTo(BuildStatus.FAILED);
  }

  @Test
  void describe_readyObjectOverwritten_failed() {
    Build build = f.createBuild();
    f.storage.putObject(locationOf(build), new ByteArrayInputStream(TestZips.gameServer()));
    assertThat(f.describe.describeBuild(new DescribeBuildQuery(f.caller, f.byId(build))).status()).isEqualTo(BuildStatus.READY);
    f.storage.putObject(locationOf(build), new ByteArrayInputStream(TestZips.zip(java.util.Map.of("other.sh", "x"))));
    assertThat(f.describe.describeBuild(new DescribeBuildQuery(f.caller, f.byId(build))).status()).isEqualTo(BuildStatus.FAILED);
  }

  @Test
  void describe_readyObjectDeleted_failed() {
    Build build = f.createBuild();
    f.storage.putObject(locationOf(build), new ByteArrayInputStream(TestZips.gameServer()));
    f.describe.describeBuild(new DescribeBuildQuery(f.caller, f.byId(build)));
    f.storage.deleteFiles(locationOf(build));
    assertThat(f.describe.describeBuild(new DescribeBuildQuery(f.caller, f.byId(build))).status()).isEqualTo(BuildStatus.FAILED);
  }

  @Test
  void list_objectArrived_listedReady() {
    Build build = f.createBuild();
    f.storage.putObject(locationOf(build), new ByteArrayInputStream(TestZips.gameServer()));
    assertThat(f.list.listBuilds(new dev.hangar.application.port.in.ListBuildsQuery(f.caller, java.util.Optional.empty(),
        java.util.Optional.empty(), java.util.Optional.empty())).builds()).singleElement()
        .satisfies(b -> assertThat(b.status()).isEqualTo(BuildStatus.READY));
  }
}
