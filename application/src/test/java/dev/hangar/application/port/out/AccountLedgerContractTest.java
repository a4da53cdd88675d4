package dev.hangar.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.FakeBuildRepository;
import dev.hangar.application.fixture.FakeBuildStorage;
import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.port.in.UploadTooLargeException;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.failure.StateConflictException;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.UploadLimits;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A ledger that keeps the limits, over the catalog and the stores it is given: builds counted from the catalog and
 * then by admissions, bytes from builds' sizes, pending parts and reservations.
 */
public abstract class AccountLedgerContractTest {
  private static final long MIB = 1024 * 1024;
  private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

  protected final FakeBuildRepository builds = new FakeBuildRepository();
  protected final FakeBuildStorage storage = new FakeBuildStorage();
  private final AccountId account = TestBuilds.freshAccount();

  protected abstract AccountLedger ledger(BuildRepository builds, BuildStorage storage, UploadStore uploads, UploadLimits limits);

  private AccountLedger ledger(int maxBuilds) {
    return ledger(builds, storage, storage, new UploadLimits(5 * MIB, 12 * MIB, 20 * MIB, maxBuilds, 100));
  }

  private Build stored(AccountId owner, long size) {
    Build build = size == 0 ? TestBuilds.newBuild(owner) : TestBuilds.ready(TestBuilds.newBuild(owner), size);
    builds.add(build);
    return build;
  }

  @Test
  void admitBuild_countsTheCatalogFirst_thenRefusesAtTheQuotaWithGameLiftsMessage() {
    stored(account, 0);
    stored(account, 0);
    AccountLedger ledger = ledger(3);
    ledger.admitBuild(account);
    assertThatThrownBy(() -> ledger.admitBuild(account)).isInstanceOf(StateConflictException.class)
        .hasMessage("Current limit of builds of 3 have been reached.");
    AccountId other = TestBuilds.freshAccount();
    ledger.admitBuild(other);
    ledger.admitBuild(other);
    ledger.admitBuild(other);
    assertThatThrownBy(() -> ledger.admitBuild(other)).isInstanceOf(StateConflictException.class);
  }

  @Test
  void buildGone_freesAPlace_andADeletionTrackedFirstIsCountedOnce() {
    Build first = stored(account, 0);
    stored(account, 0);
    AccountLedger ledger = ledger(2);
    // A deletion on a fresh ledger: the count starts from the catalog as it was, then gives the build back.
    ledger.track(account);
    builds.remove(account, first.id());
    ledger.buildGone(account);
    ledger.admitBuild(account);
    assertThatThrownBy(() -> ledger.admitBuild(account)).isInstanceOf(StateConflictException.class);
  }

  @Test
  void concurrentAdmissions_exactlyTheQuotaAdmitted() throws Exception {
    AccountLedger ledger = ledger(25);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        tries.add(pool.submit(() -> {
          start.await();
          try {
            ledger.admitBuild(account);
            return true;
          } catch (StateConflictException e) {
            return false;
          }
        }));
      }
      start.countDown();
      int admitted = 0;
      for (Future<Boolean> t : tries) {
        admitted += t.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(admitted).isEqualTo(25);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void reservations_countUntilClosed_soConcurrentWritesCannotPassTheLimitTogether() {
    AccountLedger ledger = ledger(1000);
    AccountLedger.Reservation first = ledger.reserve(account, 12 * MIB, 0);
    assertThatThrownBy(() -> ledger.reserve(account, 9 * MIB, 0)).isInstanceOf(UploadTooLargeException.class)
        .hasMessageContaining("account limit of " + 20 * MIB + " bytes");
    AccountLedger.Reservation second = ledger.reserve(account, 8 * MIB, 0);
    first.close();
    first.close();
    AccountLedger.Reservation third = ledger.reserve(account, 12 * MIB, 0);
    second.close();
    third.close();
    ledger.reserve(account, 20 * MIB, 0).close();
  }

  @Test
  void storedBytes_buildsAndPendingPartsOfTheAccountOnly_count() {
    stored(account, 8 * MIB);
    stored(TestBuilds.freshAccount(), 19 * MIB);
    Build uploading = stored(account, 0);
    StorageLocation location = storage.locationFor(account, uploading.id());
    String upload = storage.createMultipartUpload(location, LATER);
    storage.uploadPart(upload, location, 1, new ByteArrayInputStream(new byte[(int) (6 * MIB)]));
    AccountLedger ledger = ledger(1000);
    ledger.reserve(account, 6 * MIB, 0).close();
    assertThatThrownBy(() -> ledger.reserve(account, 6 * MIB + 1, 0)).isInstanceOf(UploadTooLargeException.class);
    // The same part uploaded again replaces its 6 MiB.
    ledger.reserve(account, 12 * MIB, 6 * MIB).close();
    storage.abortMultipartUpload(upload, location);
    ledger.changed(account);
    ledger.reserve(account, 12 * MIB, 0).close();
  }

  @Test
  void overTheByteLimit_createBuildRefusedWithGameLiftsMessage_heldBytesNeverRefused() {
    AccountLedger ledger = ledger(1000);
    ledger.requireUnderByteLimit(account);
    try (AccountLedger.Reservation held = ledger.hold(account, 25 * MIB)) {
      assertThatThrownBy(() -> ledger.reserve(account, 1, 0)).isInstanceOf(UploadTooLargeException.class);
      assertThatThrownBy(() -> ledger.requireUnderByteLimit(account)).isInstanceOf(StateConflictException.class)
          .hasMessage("Account is currently over limit. Current total size: 0.02GB. Allowed total size: 0.02GB.");
    }
    ledger.requireUnderByteLimit(account);
    // An import stored behind the ledger's back is seen once the ledger is told of the change.
    stored(account, 21 * MIB);
    ledger.changed(account);
    assertThatThrownBy(() -> ledger.requireUnderByteLimit(account)).isInstanceOf(StateConflictException.class)
        .hasMessageContaining("Current total size: 0.02GB");
  }

  @Test
  void notKept_admitsEverything() {
    for (int i = 0; i < 5000; i++) {
      AccountLedger.NOT_KEPT.admitBuild(account);
    }
    AccountLedger.NOT_KEPT.reserve(account, Long.MAX_VALUE / 2, 0).close();
    AccountLedger.NOT_KEPT.requireUnderByteLimit(account);
  }
}
