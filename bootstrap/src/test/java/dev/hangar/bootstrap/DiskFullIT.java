package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.Uploads;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.gamelift.model.InternalServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The jar's data folder on a 24 MiB tmpfs that uploads and then a filler file fill up: every refused call gets a
 * typed error (S3's InternalError on uploads, GameLift's InternalServiceException on the API), everything
 * acknowledged stays readable with its bytes, and once space is freed the node serves normally again, without a
 * restart.
 */
class DiskFullIT {
  private static final int MIB = 1024 * 1024;

  @TempDir
  Path dir;

  private Path mount;

  /** An acknowledged upload: its bytes and where they are. */
  private record Stored(byte[] zip, String bucket, String key) {
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      ExternalTools.run(List.of("umount", mount.toString()), null, Map.of(), 30);
    }
  }

  private void mountSmallTmpfs() {
    Path point = dir.resolve("small");
    ExternalTools.Result mounted;
    try {
      Files.createDirectories(point);
      mounted = ExternalTools.run(List.of("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", point.toString()), null, Map.of(), 30);
    } catch (IOException | RuntimeException e) {
      mounted = new ExternalTools.Result(1, "", e.toString());
    }
    if (mounted.exitCode() != 0) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("mounting a tmpfs (as root) is required under CI=true: " + mounted.stderr());
      }
      Assumptions.abort("cannot mount a tmpfs here: " + mounted.stderr());
    }
    mount = point;
  }

  @Test
  void diskFull_typedErrorsNothingAcknowledgedLost_thenNormalServiceOnceFreed() throws Exception {
    mountSmallTmpfs();
    Path data = mount.resolve("data");
    Map<String, Stored> ready = new LinkedHashMap<>();
    List<String> initialized = new ArrayList<>();
    try (JarNode node = JarNode.start(data, List.of("-Xmx256m")); GameLiftClient gameLift = Clients.gameLiftNoRetry(node.endpoint())) {
      // Uploads until the disk refuses one: each refusal is S3's InternalError.
      int refusedUploads = 0;
      for (int i = 0; i < 12 && refusedUploads < 2; i++) {
        Uploads upload = Uploads.newBuild(gameLift, "fill-" + i);
        byte[] zip = TestZips.incompressible("server-" + i + ".bin", 3 * MIB);
        try (S3Client s3 = upload.s3(node.endpoint())) {
          s3.putObject(b -> b.bucket(upload.location().bucket()).key(upload.location().key()), RequestBody.fromBytes(zip));
          ready.put(upload.buildId(), new Stored(zip, upload.location().bucket(), upload.location().key()));
        } catch (S3Exception refused) {
          assertThat(refused.statusCode()).isEqualTo(500);
          assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InternalError");
          initialized.add(upload.buildId());
          refusedUploads++;
        }
      }
      assertThat(refusedUploads).as("uploads refused once the disk is full").isPositive();
      assertThat(ready).as("uploads that fit").isNotEmpty();

      // The rest of the disk: then CreateBuild either commits (durable) or is refused, typed.
      Path filler = mount.resolve("filler");
      fill(filler);
      int created = 0;
      int refusedCreates = 0;
      for (int i = 0; i < 300; i++) {
        try {
          initialized.add(gameLift.createBuild(b -> b.name("while-full")).build().buildId());
          created++;
        } catch (InternalServiceException refused) {
          refusedCreates++;
        }
      }
      System.out.println("DiskFullIT: " + ready.size() + " uploads stored, " + refusedUploads + " refused; on the full disk "
          + created + " CreateBuild committed, " + refusedCreates + " refused with InternalServiceException");
      assertThat(refusedCreates).as("CreateBuild refused on the full disk").isPositive();

      // Nothing acknowledged is lost, and the catalog stays readable while the disk is full.
      assertAcknowledged(gameLift, node, ready, initialized);

      // Space freed: normal service, without a restart (bounded wait on the condition).
      Files.delete(filler);
      String after = null;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (after == null && System.nanoTime() < deadline) {
        try {
          after = gameLift.createBuild(b -> b.name("after")).build().buildId();
        } catch (InternalServiceException stillFull) {
          Thread.onSpinWait();
        }
      }
      assertThat(after).as("CreateBuild once space is freed").isNotNull();
      Uploads upload = Uploads.newBuild(gameLift, "after-upload");
      byte[] zip = TestZips.zip(Map.of("server.sh", "after the disk was freed"));
      try (S3Client s3 = upload.s3(node.endpoint())) {
        s3.putObject(b -> b.bucket(upload.location().bucket()).key(upload.location().key()), RequestBody.fromBytes(zip));
      }
      ready.put(upload.buildId(), new Stored(zip, upload.location().bucket(), upload.location().key()));
      assertThat(gameLift.describeBuild(b -> b.buildId(upload.buildId())).build().status()).isEqualTo(BuildStatus.READY);
      node.kill();
    }
    // And all of it after a kill -9 and a restart.
    try (JarNode node = JarNode.start(data, List.of("-Xmx256m")); GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      assertAcknowledged(gameLift, node, ready, initialized);
    }
  }

  private static void assertAcknowledged(GameLiftClient gameLift, JarNode node, Map<String, Stored> ready, List<String> initialized) {
    try (S3Client reader = Uploads.apiS3(node.endpoint())) {
      for (Map.Entry<String, Stored> build : ready.entrySet()) {
        var described = gameLift.describeBuild(b -> b.buildId(build.getKey())).build();
        assertThat(described.status()).as(build.getKey()).isEqualTo(BuildStatus.READY);
        assertThat(described.sizeOnDisk()).isEqualTo(build.getValue().zip().length);
        Stored stored = build.getValue();
        assertThat(reader.getObjectAsBytes(b -> b.bucket(stored.bucket()).key(stored.key())).asByteArray()).isEqualTo(stored.zip());
      }
      for (String id : initialized) {
        assertThat(gameLift.describeBuild(b -> b.buildId(id)).build().status()).as(id).isEqualTo(BuildStatus.INITIALIZED);
      }
      assertThat(gameLift.listBuildsPaginator(b -> b.limit(50)).builds().stream().count())
          .as("ListBuilds sees them all").isGreaterThanOrEqualTo(ready.size() + initialized.size());
    }
  }

  /** Writes zeros until the disk refuses more. */
  private static void fill(Path filler) {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      for (int i = 0; i < 10_000; i++) {
        out.write(block);
      }
    } catch (IOException full) {
      return;
    }
    fail("24 MiB of tmpfs took 640 MiB of filler");
  }
}
