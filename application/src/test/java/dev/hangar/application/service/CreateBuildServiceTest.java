package dev.hangar.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.port.in.CreateBuildCommand;
import dev.hangar.application.port.in.CreateBuildResult;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.build.OperatingSystem;
import dev.hangar.domain.build.ServerSdkVersion;
import dev.hangar.domain.build.Tag;
import dev.hangar.domain.build.Tags;
import dev.hangar.domain.failure.InvalidTagException;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.RoleArn;
import dev.hangar.domain.storage.StorageLocation;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CreateBuildServiceTest {
  private final ServiceFixture f = new ServiceFixture();

  @Test
  void createBuild_noStorageLocation_returnsLeaseForServiceLocation() {
    CreateBuildResult result = f.create.createBuild(new CreateBuildCommand(f.caller, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Tags.NONE, Optional.empty()));
    assertThat(result.build().status()).isEqualTo(BuildStatus.INITIALIZED);
    assertThat(result.build().operatingSystem()).isEqualTo(OperatingSystem.AMAZON_LINUX_2023);
    assertThat(result.build().serverSdkVersion()).isEqualTo(ServerSdkVersion.DEFAULT);
    assertThat(result.build().creationTime()).isEqualTo(f.clock.instant());
    assertThat(result.uploadCredentials()).get()
        .satisfies(lease -> assertThat(lease.target().location()).isEqualTo(result.build().storageLocation()));
    assertThat(f.builds.find(f.caller, result.build().id())).contains(result.build());
  }

  @Test
  void createBuild_callerStorageLocation_importsTheZipAndIsReady() {
    byte[] zip = dev.hangar.application.fixture.TestZips.gameServer();
    StorageLocation callers = StorageLocation.callerOwned(new BucketName("my-builds"), new ObjectKey("game.zip"),
        new RoleArn("arn:aws:iam::123456789012:role/read"), Optional.empty());
    f.storage.putObject(callers, new java.io.ByteArrayInputStream(zip));
    CreateBuildResult result = f.create.createBuild(new CreateBuildCommand(f.caller, Optional.empty(), Optional.empty(),
        Optional.of(OperatingSystem.WINDOWS_2022), Optional.empty(), Tags.NONE, Optional.of(callers)));
    assertThat(result.uploadCredentials()).isEmpty();
    assertThat(result.build().storageLocation()).isEqualTo(callers);
    assertThat(result.build().status()).isEqualTo(BuildStatus.READY);
    assertThat(result.build().sizeOnDisk()).isEqualTo(zip.length);
    assertThat(f.storage.find(f.storage.locationFor(f.caller, result.build().id()))).isPresent();
    assertThat(result.build().operatingSystem()).isEqualTo(OperatingSystem.WINDOWS_2022);
    assertThat(f.issuer.issuedCount()).isZero();
  }

  @Test
  void createBuild_callerLocationWithoutObject_refused() {
    StorageLocation callers = StorageLocation.callerOwned(new BucketName("my-builds"), new ObjectKey("missing.zip"),
        new RoleArn("arn:aws:iam::123456789012:role/read"), Optional.empty());
    assertThatThrownBy(() -> f.create.createBuild(new CreateBuildCommand(f.caller, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Tags.NONE, Optional.of(callers))))
        .isInstanceOf(dev.hangar.application.port.out.BuildStorage.ObjectUnavailableException.class);
    assertThat(f.builds.list(f.caller, Optional.empty(), Optional.empty(), 10).builds()).isEmpty();
  }

  @Test
  void tags_fiftyOne_refusedBeforeACommandExists() {
    List<Tag> tags = IntStream.range(0, 51).mapToObj(i -> new Tag("k" + i, "v")).toList();
    assertThatThrownBy(() -> Tags.of(tags)).isInstanceOf(InvalidTagException.class);
  }

  @Test
  void createBuild_anotherAccountsBuildObject_unavailableLikeAMissingOne() {
    CreateBuildResult theirs = f.create.createBuild(new CreateBuildCommand(dev.hangar.application.fixture.TestBuilds.freshAccount(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Tags.NONE, Optional.empty()));
    StorageLocation their = theirs.build().storageLocation();
    f.storage.putObject(their, new java.io.ByteArrayInputStream(dev.hangar.application.fixture.TestZips.gameServer()));
    StorageLocation taking = StorageLocation.callerOwned(their.bucket(), their.key(),
        new RoleArn("arn:aws:iam::123456789012:role/read"), Optional.empty());
    assertThatThrownBy(() -> f.create.createBuild(new CreateBuildCommand(f.caller, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Tags.NONE, Optional.of(taking))))
        .isInstanceOf(dev.hangar.application.port.out.BuildStorage.ObjectUnavailableException.class)
        .hasMessage("No object " + their.key() + " in bucket " + their.bucket());
  }

  @Test
  void createBuild_ledgerRefuses_nothingStoredAndNoLease() {
    dev.hangar.application.fixture.ScriptedAccountLedger ledger = new dev.hangar.application.fixture.ScriptedAccountLedger();
    ServiceFixture limited = new ServiceFixture(ledger);
    ledger.refuseBuilds = true;
    assertThatThrownBy(limited::createBuild).isInstanceOf(dev.hangar.domain.failure.StateConflictException.class)
        .hasMessage("Current limit of builds of 1 have been reached.");
    ledger.refuseBuilds = false;
    ledger.overByteLimit = true;
    assertThatThrownBy(limited::createBuild).isInstanceOf(dev.hangar.domain.failure.StateConflictException.class)
        .hasMessage("Account is currently over limit.");
    assertThat(limited.builds.list(limited.caller, Optional.empty(), Optional.empty(), 10).builds()).isEmpty();
    assertThat(limited.issuer.issuedCount()).isZero();
  }

  @Test
  void createBuild_failsAfterItsPlaceWasTaken_thePlaceIsGivenBack() {
    dev.hangar.application.fixture.ScriptedAccountLedger ledger = new dev.hangar.application.fixture.ScriptedAccountLedger();
    ServiceFixture limited = new ServiceFixture(ledger);
    StorageLocation missing = StorageLocation.callerOwned(new BucketName("my-builds"), new ObjectKey("missing.zip"),
        new RoleArn("arn:aws:iam::123456789012:role/read"), Optional.empty());
    assertThatThrownBy(() -> limited.create.createBuild(new CreateBuildCommand(limited.caller, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Tags.NONE, Optional.of(missing))))
        .isInstanceOf(dev.hangar.application.port.out.BuildStorage.ObjectUnavailableException.class);
    assertThat(ledger.calls).containsExactly("requireUnderByteLimit", "admitBuild", "buildGone");
  }

  @Test
  void deleteBuild_tracksTheAccountBeforeTheRemoval_thenGivesThePlaceBack() {
    dev.hangar.application.fixture.ScriptedAccountLedger ledger = new dev.hangar.application.fixture.ScriptedAccountLedger();
    ServiceFixture limited = new ServiceFixture(ledger);
    var build = limited.createBuild();
    ledger.calls.clear();
    limited.delete.deleteBuild(new dev.hangar.application.port.in.DeleteBuildCommand(limited.caller, limited.byId(build)));
    assertThat(ledger.calls).containsExactly("track", "buildGone", "changed");
  }
}
