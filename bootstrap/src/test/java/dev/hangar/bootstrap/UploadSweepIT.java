package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.MutableClock;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.Uploads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The node's own periodic sweep, not a test's call: a multipart upload abandoned by its client disappears from the
 * data folder once its lease has expired, while an upload whose lease is still valid stays.
 */
class UploadSweepIT {
  private static final Duration LEASE = Duration.ofMinutes(15);
  /** A few sweep periods: the first sweep runs one period after the start, the next one period after it. */
  private static final Duration WAIT = UploadSweeper.PERIOD.multipliedBy(4);

  @TempDir
  Path dataDir;

  @Test
  void periodicSweep_leaseExpired_abandonedUploadRemovedAndLiveOneKept() {
    // The node's clock starts at the real time: the SDK clients sign with their own clocks, within the skew window.
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    try (Hangar hangar = Hangar.start(TestConfigs.localNode(dataDir).withCredentialLifetime(LEASE), clock);
        GameLiftClient gameLift = Clients.gameLift(hangar.endpoint())) {
      String abandoned = startUploadWithOnePart(hangar, Uploads.newBuild(gameLift, "abandoned"));
      clock.advance(Duration.ofMinutes(10));
      String live = startUploadWithOnePart(hangar, Uploads.newBuild(gameLift, "live"));
      assertThat(filesOf(abandoned)).as("the abandoned upload's files").isNotEmpty();
      assertThat(filesOf(live)).as("the live upload's files").isNotEmpty();

      // The first lease expired one minute ago; the second one expires in nine minutes.
      clock.advance(LEASE.minus(Duration.ofMinutes(10)).plusMinutes(1));

      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!filesOf(abandoned).isEmpty() && System.nanoTime() < deadline) {
        pause();
      }
      assertThat(filesOf(abandoned)).as("files of the expired upload, %s after its lease expired", WAIT).isEmpty();
      assertThat(filesOf(live)).as("the upload whose lease is still valid").isNotEmpty();
    }
  }

  private static String startUploadWithOnePart(Hangar hangar, Uploads upload) {
    try (S3Client s3 = upload.s3(hangar.endpoint())) {
      String bucket = upload.location().bucket();
      String key = upload.location().key();
      String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
      s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromString("part one of " + key));
      return uploadId;
    }
  }

  /** Every file or folder under the data folder whose name carries the upload id. */
  private List<Path> filesOf(String uploadId) {
    try (Stream<Path> files = Files.walk(dataDir)) {
      return files.filter(path -> path.getFileName().toString().contains(uploadId)).toList();
    } catch (IOException | UncheckedIOException e) {
      // A folder removed while it was walked: look again at the next poll.
      return List.of(dataDir);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
