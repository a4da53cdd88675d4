package dev.hangar.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.fixture.ScriptedAccountLedger;
import dev.hangar.application.port.in.AbortMultipartUploadCommand;
import dev.hangar.application.fixture.TestZips;
import dev.hangar.application.port.in.BuildObject;
import dev.hangar.application.port.in.CompleteMultipartUploadCommand;
import dev.hangar.application.port.in.CreateBuildCommand;
import dev.hangar.application.port.in.CreateBuildResult;
import dev.hangar.application.port.in.CreateMultipartUploadCommand;
import dev.hangar.application.port.in.GetBuildObjectQuery;
import dev.hangar.application.port.in.PutBuildObjectCommand;
import dev.hangar.application.port.in.UploadDeniedException;
import dev.hangar.application.port.in.UploadPartCommand;
import dev.hangar.application.port.in.UploadRequest;
import dev.hangar.application.port.in.UploadTooLargeException;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.build.Tags;
import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.storage.MultipartUpload.RequestedPart;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StoredPart;
import dev.hangar.domain.storage.UploadLimits;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildUploadServiceTest {
  private static final long MIB = 1024 * 1024;
  private final ScriptedAccountLedger ledger = new ScriptedAccountLedger();
  private final ServiceFixture f = new ServiceFixture(ledger);
  private final BuildUploadService uploads = new BuildUploadService(f.builds, f.storage, f.storage, f.limits, f.ledger, f.clock);

  private CreateBuildResult newBuild() {
    return f.create.createBuild(new CreateBuildCommand(f.caller, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Tags.NONE, Optional.empty()));
  }

  private static UploadRequest where(CreateBuildResult created) {
    CredentialLease lease = created.uploadCredentials().orElseThrow();
    return new UploadRequest(lease, lease.target().location().bucket(), lease.target().location().key());
  }

  private Build put(CreateBuildResult created, byte[] bytes) {
    uploads.putBuildObject(new PutBuildObjectCommand(where(created), bytes.length, new ByteArrayInputStream(bytes)));
    return f.builds.find(f.caller, created.build().id()).orElseThrow();
  }

  /** A stream that fails the test if anyone reads it: refusals must come before the body. */
  private static InputStream untouchable() {
    return new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("the body was read before the request was refused");
      }
    };
  }

  @Test
  void putBuildObject_validZip_readyWithItsSize() {
    byte[] zip = TestZips.gameServer();
    Build build = put(newBuild(), zip);
    assertThat(build.status()).isEqualTo(BuildStatus.READY);
    assertThat(build.sizeOnDisk()).isEqualTo(zip.length);
  }

  @Test
  void putBuildObject_notAZip_failed() {
    Build build = put(newBuild(), "just some text".getBytes());
    assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
    assertThat(build.sizeOnDisk()).isEqualTo(14);
  }

  @Test
  void putBuildObject_entryEscapingRoot_failed() {
    assertThat(put(newBuild(), TestZips.zip(Map.of("../../etc/cron.d/evil", "x"))).status()).isEqualTo(BuildStatus.FAILED);
  }

  @Test
  void putBuildObject_otherKey_deniedBeforeTheBody() {
    CreateBuildResult created = newBuild();
    UploadRequest other = new UploadRequest(where(created).lease(), where(created).bucket(), new ObjectKey(where(created).key() + "x"));
    assertThatThrownBy(() -> uploads.putBuildObject(new PutBuildObjectCommand(other, 10, untouchable())))
        .isInstanceOf(UploadDeniedException.class);
  }

  @Test
  void putBuildObject_leaseExpired_denied() {
    CreateBuildResult created = newBuild();
    f.clock.advance(Duration.ofHours(2));
    assertThatThrownBy(() -> uploads.putBuildObject(new PutBuildObjectCommand(where(created), 10, untouchable())))
        .isInstanceOf(UploadDeniedException.class);
  }

  @Test
  void putBuildObject_afterReady_deniedAndObjectKept() {
    CreateBuildResult created = newBuild();
    byte[] zip = TestZips.gameServer();
    put(created, zip);
    assertThatThrownBy(() -> uploads.putBuildObject(new PutBuildObjectCommand(where(created), 10, untouchable())))
        .isInstanceOf(UploadDeniedException.class).hasMessageContaining("READY");
    assertThat(f.storage.find(where(created).lease().target().location()).orElseThrow().size()).isEqualTo(zip.length);
  }

  @Test
  void putBuildObject_overObjectLimit_refusedBeforeTheBody() {
    assertThatThrownBy(() -> uploads.putBuildObject(new PutBuildObjectCommand(where(newBuild()), 12 * MIB + 1, untouchable())))
        .isInstanceOf(UploadTooLargeException.class).hasMessageContaining("object");
  }

  @Test
  void putBuildObject_accountLedgerRefuses_refusedBeforeTheBodyAndNothingStored() {
    CreateBuildResult created = newBuild();
    ledger.refuseBytes = true;
    assertThatThrownBy(() -> uploads.putBuildObject(new PutBuildObjectCommand(where(created), 10 * MIB, untouchable())))
        .isInstanceOf(UploadTooLargeException.class).hasMessageContaining("account");
    assertThat(ledger.calls).contains("reserve " + 10 * MIB + "/0");
    assertThat(f.storage.find(created.build().storageLocation())).isEmpty();
    assertThat(f.builds.find(f.caller, created.build().id()).orElseThrow().status()).isEqualTo(BuildStatus.INITIALIZED);
  }

  @Test
  void putBuildObject_reservesTheDeclaredLength_untilTheBuildCountsTheObject() {
    byte[] zip = TestZips.gameServer();
    Build ready = put(newBuild(), zip);
    assertThat(ready.status()).isEqualTo(BuildStatus.READY);
    assertThat(ledger.calls).contains("reserve " + zip.length + "/0");
    assertThat(ledger.openReservations()).isZero();
  }

  @Test
  void multipart_eachPartReservedWithWhatItReplaces_completionHeld_abortReported() {
    CreateBuildResult created = newBuild();
    String uploadId = uploads.createMultipartUpload(new CreateMultipartUploadCommand(where(created)));
    byte[] zip = TestZips.gameServer();
    uploads.uploadPart(new UploadPartCommand(where(created), uploadId, 1, 100, new ByteArrayInputStream(new byte[100])));
    StoredPart again = uploads.uploadPart(new UploadPartCommand(where(created), uploadId, 1, zip.length, new ByteArrayInputStream(zip)));
    assertThat(ledger.calls).containsSubsequence("reserve 100/0", "reserve " + zip.length + "/100");
    uploads.completeMultipartUpload(new CompleteMultipartUploadCommand(where(created), uploadId, List.of(new RequestedPart(1, again.etag()))));
    assertThat(ledger.calls).contains("hold " + zip.length);
    assertThat(ledger.openReservations()).isZero();

    CreateBuildResult other = newBuild();
    String aborted = uploads.createMultipartUpload(new CreateMultipartUploadCommand(where(other)));
    ledger.calls.clear();
    uploads.abortMultipartUpload(new AbortMultipartUploadCommand(where(other), aborted));
    assertThat(ledger.calls).containsExactly("changed");
  }

  @Test
  void createMultipartUpload_atTheOpenUploadsLimit_refused() {
    CreateBuildResult created = newBuild();
    for (int i = 0; i < f.limits.maxOpenUploadsPerBuild(); i++) {
      uploads.createMultipartUpload(new CreateMultipartUploadCommand(where(created)));
    }
    assertThatThrownBy(() -> uploads.createMultipartUpload(new CreateMultipartUploadCommand(where(created))))
        .isInstanceOf(dev.hangar.application.port.out.UploadStore.TooManyUploadsException.class)
        .hasMessageContaining(f.limits.maxOpenUploadsPerBuild() + " open multipart uploads per build");
  }

  @Test
  void multipart_partsThenComplete_ready() {
    CreateBuildResult created = newBuild();
    byte[] zip = TestZips.incompressible("big.bin", (int) (6 * MIB));
    String uploadId = uploads.createMultipartUpload(new CreateMultipartUploadCommand(where(created)));
    int split = (int) (5 * MIB);
    StoredPart one = uploads.uploadPart(new UploadPartCommand(where(created), uploadId, 1, split,
        new ByteArrayInputStream(Arrays.copyOfRange(zip, 0, split))));
    StoredPart two = uploads.uploadPart(new UploadPartCommand(where(created), uploadId, 2, zip.length - split,
        new ByteArrayInputStream(Arrays.copyOfRange(zip, split, zip.length))));
    uploads.completeMultipartUpload(new CompleteMultipartUploadCommand(where(created), uploadId,
        List.of(new RequestedPart(1, one.etag()), new RequestedPart(2, two.etag()))));
    assertThat(f.builds.find(f.caller, created.build().id()).orElseThrow().status()).isEqualTo(BuildStatus.READY);
  }

  @Test
  void uploadPart_overPartLimit_refusedBeforeTheBody() {
    CreateBuildResult created = newBuild();
    String uploadId = uploads.createMultipartUpload(new CreateMultipartUploadCommand(where(created)));
    assertThatThrownBy(() -> uploads.uploadPart(new UploadPartCommand(where(created), uploadId, 1, 5 * MIB + 1, untouchable())))
        .isInstanceOf(UploadTooLargeException.class).hasMessageContaining("part");
  }

  @Test
  void getBuildObject_ownerOnly() {
    CreateBuildResult created = newBuild();
    put(created, TestZips.gameServer());
    UploadRequest where = where(created);
    Optional<BuildObject> mine = uploads.getBuildObject(new GetBuildObjectQuery(f.caller, where.bucket(), where.key()));
    assertThat(mine).isPresent();
    assertThat(uploads.getBuildObject(new GetBuildObjectQuery(TestBuilds.freshAccount(), where.bucket(), where.key()))).isEmpty();
    assertThat(uploads.openBuildObject(mine.get())).isPresent();
  }

  @Test
  void objectLocks_whileAWriteRuns_oneHeld_afterTheWritesEnd_noneLeft() throws Exception {
    CreateBuildResult created = newBuild();
    byte[] zip = TestZips.gameServer();
    java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    InputStream held = new java.io.SequenceInputStream(new InputStream() {
      @Override
      public int read() {
        reading.countDown();
        try {
          release.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return -1;
      }
    }, new ByteArrayInputStream(zip));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      var first = pool.submit(() -> uploads.putBuildObject(new PutBuildObjectCommand(where(created), zip.length, held)));
      assertThat(reading.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(uploads.objectLocksInUse()).as("the lock of the build being written").isEqualTo(1);
      release.countDown();
      first.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThatThrownBy(() -> put(created, zip)).isInstanceOf(UploadDeniedException.class);
    CreateBuildResult other = newBuild();
    String uploadId = uploads.createMultipartUpload(new CreateMultipartUploadCommand(where(other)));
    StoredPart part = uploads.uploadPart(new UploadPartCommand(where(other), uploadId, 1, zip.length, new ByteArrayInputStream(zip)));
    uploads.completeMultipartUpload(new CompleteMultipartUploadCommand(where(other), uploadId, List.of(new RequestedPart(1, part.etag()))));
    assertThat(uploads.objectLocksInUse()).as("locks held after the writes ended").isZero();
  }

  @Test
  void putBuildObject_twoAtOnce_secondWaitsThenRefusedWithoutReadingItsBody() throws Exception {
    CreateBuildResult created = newBuild();
    byte[] zip = TestZips.gameServer();
    java.util.concurrent.CountDownLatch firstReading = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch releaseFirst = new java.util.concurrent.CountDownLatch(1);
    InputStream slow = new java.io.SequenceInputStream(new InputStream() {
      @Override
      public int read() {
        firstReading.countDown();
        try {
          releaseFirst.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return -1;
      }
    }, new ByteArrayInputStream(zip));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var first = pool.submit(() -> uploads.putBuildObject(new PutBuildObjectCommand(where(created), zip.length, slow)));
      firstReading.await(10, java.util.concurrent.TimeUnit.SECONDS);
      java.util.concurrent.CompletableFuture<Thread> secondThread = new java.util.concurrent.CompletableFuture<>();
      var second = pool.submit(() -> {
        secondThread.complete(Thread.currentThread());
        return uploads.putBuildObject(new PutBuildObjectCommand(where(created), 10, untouchable()));
      });
      awaitBlockedOrWaiting(secondThread.get(10, java.util.concurrent.TimeUnit.SECONDS), second);
      assertThat(second.isDone()).as("the second write waits for the first").isFalse();
      releaseFirst.countDown();
      assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS).size()).isEqualTo(zip.length);
      assertThatThrownBy(() -> second.get(10, java.util.concurrent.TimeUnit.SECONDS)).hasCauseInstanceOf(UploadDeniedException.class);
    } finally {
      pool.shutdownNow();
    }
    assertThat(f.builds.find(f.caller, created.build().id()).orElseThrow().status()).isEqualTo(BuildStatus.READY);
  }

  /**
   * Polls (at most 10 s) until {@code thread} is parked on a monitor or a lock, which only the first write holds.
   * Fails at once if its task ends instead.
   */
  private static void awaitBlockedOrWaiting(Thread thread, java.util.concurrent.Future<?> task) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!parked(thread) && !task.isDone() && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(2));
    }
    assertThat(task.isDone()).as("the second write ended while the first still held the build").isFalse();
    assertThat(thread.getState()).as("the second write's thread").isIn(Thread.State.BLOCKED, Thread.State.WAITING);
  }

  private static boolean parked(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.BLOCKED || state == Thread.State.WAITING;
  }

  @Test
  void uploadPart_partsTogetherOverTheObjectLimit_refusedBeforeTheBody() {
    CreateBuildResult created = newBuild();
    String uploadId = uploads.createMultipartUpload(new CreateMultipartUploadCommand(where(created)));
    for (int n = 1; n <= 2; n++) {
      byte[] part = new byte[(int) (5 * MIB)];
      uploads.uploadPart(new UploadPartCommand(where(created), uploadId, n, part.length, new ByteArrayInputStream(part)));
    }
    assertThatThrownBy(() -> uploads.uploadPart(new UploadPartCommand(where(created), uploadId, 3, 3 * MIB, untouchable())))
        .isInstanceOf(UploadTooLargeException.class).hasMessageContaining("object");
  }
}
