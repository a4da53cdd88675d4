package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.Uploads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.Build;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code java -jar hangar.jar backup} against a node under load (CreateBuild from two threads): a node started on
 * the copy shows every build acknowledged before the backup began, and a READY build with its bytes.
 */
class BackupIT {
  @TempDir
  Path dir;

  @Test
  void backupUnderLoad_nodeOnTheCopyHasEveryBuildAcknowledgedBefore() throws Exception {
    Path data = dir.resolve("data");
    Path copy = dir.resolve("copy");
    byte[] zip = TestZips.zip(Map.of("server.sh", "echo backed up"));
    Set<String> beforeBackup;
    String readyId;
    Uploads ready;
    int during;
    // The load creates builds until the backup ends: GameLift's quota of 1,000 per account is raised for it.
    try (JarNode node = JarNode.start(data, List.of(), List.of(), List.of("--max-builds-per-account", "1000000"));
        GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      ready = Uploads.newBuild(gameLift, "ready");
      readyId = ready.buildId();
      try (S3Client s3 = ready.s3(node.endpoint())) {
        s3.putObject(b -> b.bucket(ready.location().bucket()).key(ready.location().key()), RequestBody.fromBytes(zip));
      }
      ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService load = Executors.newFixedThreadPool(2);
      List<Future<?>> workers = List.of(load.submit(() -> create(gameLift, acknowledged, stop)), load.submit(() -> create(gameLift, acknowledged, stop)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acknowledged.size() < 200) {
        assertThat(workers).noneMatch(Future::isDone);
        assertThat(System.nanoTime()).as("200 builds within 60 s").isLessThan(deadline);
        Thread.onSpinWait();
      }
      beforeBackup = new HashSet<>(acknowledged);
      beforeBackup.add(readyId);
      ExternalToolsResult backup = backup(data, copy);
      int after = acknowledged.size();
      stop.set(true);
      for (Future<?> worker : workers) {
        worker.get(30, TimeUnit.SECONDS);
      }
      load.shutdown();
      assertThat(backup.exitCode()).as(backup.output()).isZero();
      assertThat(backup.output()).contains("Backed up " + data);
      during = after - beforeBackup.size() + 1;
      node.kill();
    }
    System.out.println("BackupIT: " + beforeBackup.size() + " builds acknowledged before the backup began, " + during
        + " more during it");
    assertThat(during).as("the node was under load while the backup ran").isPositive();
    try (JarNode node = JarNode.start(copy, List.of()); GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      Set<String> restored = new HashSet<>();
      for (Build build : gameLift.listBuildsPaginator(b -> b.limit(100)).builds()) {
        restored.add(build.buildId());
      }
      assertThat(restored).containsAll(beforeBackup);
      Build readyBuild = gameLift.describeBuild(b -> b.buildId(readyId)).build();
      assertThat(readyBuild.status()).isEqualTo(BuildStatus.READY);
      try (S3Client reader = Uploads.apiS3(node.endpoint())) {
        assertThat(reader.getObjectAsBytes(b -> b.bucket(ready.location().bucket()).key(ready.location().key())).asByteArray())
            .isEqualTo(zip);
      }
    }
  }

  @Test
  void backup_intoAFolderThatIsNotEmpty_refusedAndNothingWritten() throws Exception {
    Path data = dir.resolve("data2");
    try (JarNode ignored = JarNode.start(data, List.of())) {
      Path occupied = Files.createDirectories(dir.resolve("occupied"));
      Files.writeString(occupied.resolve("keep.txt"), "mine");
      ExternalToolsResult refused = backup(data, occupied);
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.output()).contains("is not empty");
      try (var files = Files.list(occupied)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keep.txt");
      }
    }
  }

  private static Void create(GameLiftClient gameLift, ConcurrentLinkedQueue<String> acknowledged, AtomicBoolean stop) {
    for (int i = 0; i < 100_000 && !stop.get(); i++) {
      int n = i;
      acknowledged.add(gameLift.createBuild(b -> b.name("load-" + n)).build().buildId());
    }
    return null;
  }

  private record ExternalToolsResult(int exitCode, String output) {
  }

  private static ExternalToolsResult backup(Path data, Path to) throws Exception {
    Path jar = Path.of("target", "hangar.jar").toAbsolutePath();
    Process process = new ProcessBuilder("java", "-jar", jar.toString(), "backup", "--data-dir", data.toString(), "--to", to.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the backup ends").isTrue();
    return new ExternalToolsResult(process.exitValue(), output);
  }
}
