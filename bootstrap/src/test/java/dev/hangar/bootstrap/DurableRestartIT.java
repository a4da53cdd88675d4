package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.Uploads;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.Build;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.gamelift.model.ListBuildsResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * The jar on its default backend (no {@code --backend}), killed with {@code kill -9} and started again on the same
 * data folder: everything it acknowledged is there, a half-done multipart upload goes on with the lease it was begun
 * with (leases are sealed with the key kept in the data folder, so none is lost with the process), and
 * a NextToken taken before the kill pages on after it. A second node on a folder in use is refused.
 */
class DurableRestartIT {
  private static final int PART = 5 * 1024 * 1024;

  @TempDir
  Path dir;

  private record Seen(String name, String version, BuildStatus status, Long sizeOnDisk, Map<String, String> tags) {
  }

  private static Map<String, Seen> everything(GameLiftClient gameLift) {
    Map<String, Seen> seen = new TreeMap<>();
    for (Build build : gameLift.listBuildsPaginator(b -> b.limit(3)).builds()) {
      Map<String, String> tags = gameLift.listTagsForResource(b -> b.resourceARN(build.buildArn())).tags().stream()
          .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> a, TreeMap::new));
      seen.put(build.buildId(), new Seen(build.name(), build.version(), build.status(), build.sizeOnDisk(), tags));
    }
    return seen;
  }

  @Test
  void killNine_thenRestart_everythingAcknowledgedKeptAndUploadsGoOn() throws Exception {
    Path data = dir.resolve("data");
    byte[] zip = TestZips.incompressible("server.bin", 2 * PART + 1000);
    String readyId;
    String halfId;
    String uploadId;
    Uploads halfLease;
    List<CompletedPart> sent = new ArrayList<>();
    String nextToken;
    List<String> pageAfterToken;
    Map<String, Seen> before;
    try (JarNode node = JarNode.start(data, List.of()); GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      for (int i = 0; i < 4; i++) {
        int n = i;
        String arn = gameLift.createBuild(b -> b.name("game-" + n).version("1." + n)).build().buildArn();
        gameLift.tagResource(b -> b.resourceARN(arn).tags(t -> t.key("team").value("t" + n), t -> t.key("n").value("" + n)));
      }
      Uploads ready = Uploads.newBuild(gameLift, "ready");
      readyId = ready.buildId();
      try (S3Client s3 = ready.s3(node.endpoint())) {
        multipart(s3, ready, zip, 3);
      }
      assertThat(gameLift.describeBuild(b -> b.buildId(readyId)).build().status()).isEqualTo(BuildStatus.READY);
      Uploads half = Uploads.newBuild(gameLift, "half");
      halfId = half.buildId();
      halfLease = half;
      try (S3Client s3 = half.s3(node.endpoint())) {
        uploadId = s3.createMultipartUpload(b -> b.bucket(half.location().bucket()).key(half.location().key())).uploadId();
        for (int part = 1; part <= 2; part++) {
          int number = part;
          String etag = s3.uploadPart(b -> b.bucket(half.location().bucket()).key(half.location().key()).uploadId(uploadId)
              .partNumber(number), RequestBody.fromBytes(slice(zip, number))).eTag();
          sent.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
      }
      ListBuildsResponse first = gameLift.listBuilds(b -> b.limit(2));
      nextToken = first.nextToken();
      assertThat(nextToken).isNotNull();
      pageAfterToken = gameLift.listBuilds(b -> b.limit(2).nextToken(nextToken)).builds().stream().map(Build::buildId).toList();
      before = everything(gameLift);
      assertThat(before).hasSize(6);
      node.kill();
    }

    try (JarNode node = JarNode.start(data, List.of()); GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      assertThat(everything(gameLift)).isEqualTo(before);
      assertThat(before.get(readyId).status()).isEqualTo(BuildStatus.READY);
      assertThat(before.get(readyId).sizeOnDisk()).isEqualTo(zip.length);
      assertThat(gameLift.listBuilds(b -> b.limit(2).nextToken(nextToken)).builds().stream().map(Build::buildId))
          .as("the NextToken taken before the kill").containsExactlyElementsOf(pageAfterToken);

      // The lease issued before the kill, not a new one: nothing of it was kept but the node's key.
      Uploads half = halfLease;
      try (S3Client s3 = half.s3(node.endpoint())) {
        List<Part> listed = s3.listParts(b -> b.bucket(half.location().bucket()).key(half.location().key()).uploadId(uploadId)).parts();
        assertThat(listed).extracting(Part::partNumber).containsExactly(1, 2);
        assertThat(listed).extracting(Part::eTag).containsExactlyElementsOf(sent.stream().map(CompletedPart::eTag).toList());
        String etag = s3.uploadPart(b -> b.bucket(half.location().bucket()).key(half.location().key()).uploadId(uploadId).partNumber(3),
            RequestBody.fromBytes(slice(zip, 3))).eTag();
        sent.add(CompletedPart.builder().partNumber(3).eTag(etag).build());
        s3.completeMultipartUpload(b -> b.bucket(half.location().bucket()).key(half.location().key()).uploadId(uploadId)
            .multipartUpload(m -> m.parts(sent)));
      }
      Build completed = gameLift.describeBuild(b -> b.buildId(halfId)).build();
      assertThat(completed.status()).isEqualTo(BuildStatus.READY);
      assertThat(completed.sizeOnDisk()).isEqualTo(zip.length);
      try (S3Client reader = Uploads.apiS3(node.endpoint())) {
        assertThat(reader.getObjectAsBytes(b -> b.bucket(half.location().bucket()).key(half.location().key())).asByteArray())
            .isEqualTo(zip);
      }
    }
  }

  @Test
  void secondNode_sameDataFolder_exitsNonZeroNamingTheFolder() throws Exception {
    Path data = dir.resolve("shared");
    try (JarNode first = JarNode.start(data, List.of())) {
      Path jar = Path.of("target", "hangar.jar").toAbsolutePath();
      ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString(), "--port", "0", "--data-dir", data.toString())
          .redirectErrorStream(true);
      builder.environment().put("HANGAR_ACCESS_KEY_ID", Clients.ACCESS_KEY_ID);
      builder.environment().put("HANGAR_SECRET_ACCESS_KEY", Clients.SECRET_ACCESS_KEY);
      Process second = builder.start();
      String output;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8))) {
        output = out.lines().collect(Collectors.joining("\n"));
      }
      assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).as(output).isNotZero();
      assertThat(output).contains("Another Hangar node is using").contains(data.toString());
      assertThat(first.isAlive()).isTrue();
      try (GameLiftClient gameLift = Clients.gameLift(first.endpoint())) {
        assertThat(gameLift.createBuild(b -> b.name("still-serving")).build().status()).isEqualTo(BuildStatus.INITIALIZED);
      }
    }
  }

  /** Part {@code number} (from 1) of {@code zip}: 5 MiB each, the last one the rest. */
  private static byte[] slice(byte[] zip, int number) {
    int from = (number - 1) * PART;
    int to = number == 3 ? zip.length : from + PART;
    return Arrays.copyOfRange(zip, from, to);
  }

  private static void multipart(S3Client s3, Uploads upload, byte[] zip, int parts) {
    String bucket = upload.location().bucket();
    String key = upload.location().key();
    String id = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    List<CompletedPart> done = new ArrayList<>();
    for (int part = 1; part <= parts; part++) {
      int number = part;
      String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(number), RequestBody.fromBytes(slice(zip, number)))
          .eTag();
      done.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    }
    s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(done)));
  }
}
