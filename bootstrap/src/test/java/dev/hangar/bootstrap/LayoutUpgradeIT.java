package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.S3Wire;
import dev.hangar.bootstrap.testing.Uploads;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.Build;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.gamelift.model.Credentials;
import software.amazon.awssdk.services.gamelift.model.RequestUploadCredentialsResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * A data folder written by an earlier Hangar (schema version 1, {@code layout-v1/}: made once by its {@code make.py}
 * with the jar of commit a7ce366) opens in this one: its builds are listed as they were, their objects read back
 * byte for byte (whole, and a range across the multipart object's part boundary), and its upload in progress is
 * completed with new credentials into a READY build.
 */
class LayoutUpgradeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void folderOfTheEarlierLayout_opensAndServesEveryObjectByteForByte() throws Exception {
    Path fixture = Path.of("src", "test", "resources", "layout-v1").toAbsolutePath();
    Process untar = new ProcessBuilder("tar", "-xzf", fixture.resolve("layout-v1.tar.gz").toString(), "-C", dir.toString())
        .redirectErrorStream(true).start();
    assertThat(untar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(untar.exitValue()).as(new String(untar.getInputStream().readAllBytes())).isZero();
    JsonNode expected = JSON.readTree(fixture.resolve("expected.json").toFile());
    // The fixture's one date-bound value: its upload in progress expired with the lease it was started under (an
    // hour after make.py ran), and expired uploads are removed at start. Give it another hour from now, so that
    // the test does not depend on the day it runs.
    try (Connection catalog = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve("hangar.db"));
        PreparedStatement extend = catalog.prepareStatement("UPDATE uploads SET expires_at = ?")) {
      extend.setString(1, Instant.now().plus(Duration.ofHours(1)).toString());
      assertThat(extend.executeUpdate()).isEqualTo(1);
    }

    try (JarNode node = JarNode.start(dir.resolve("data"), List.of()); GameLiftClient gameLift = Clients.gameLift(node.endpoint());
        S3Client reader = Uploads.apiS3(node.endpoint())) {
      Map<String, Build> builds = new TreeMap<>();
      gameLift.listBuildsPaginator(b -> b.limit(10)).builds().forEach(build -> builds.put(build.buildId(), build));
      assertThat(builds.keySet()).containsExactlyInAnyOrderElementsOf(() -> expected.fieldNames());

      for (Map.Entry<String, Build> entry : builds.entrySet()) {
        JsonNode want = expected.get(entry.getKey());
        Build build = entry.getValue();
        assertThat(build.name()).isEqualTo(want.get("name").asText());
        if (want.has("uploadId")) {
          continue;
        }
        assertThat(build.status()).isEqualTo(BuildStatus.READY);
        assertThat(build.sizeOnDisk()).isEqualTo(want.get("size").asLong());
        String key = TestKeys.keyOf(build);
        byte[] object = reader.getObjectAsBytes(b -> b.bucket("hangar-builds").key(key)).asByteArray();
        assertThat(object).hasSize(want.get("size").asInt());
        assertThat(S3Wire.sha256Hex(object)).isEqualTo(want.get("sha256").asText());
        if (want.get("name").asText().equals("multipart")) {
          int boundary = 5 * 1024 * 1024;
          byte[] across = reader.getObjectAsBytes(b -> b.bucket("hangar-builds").key(key)
              .range("bytes=" + (boundary - 100) + "-" + (boundary + 99))).asByteArray();
          assertThat(across).isEqualTo(java.util.Arrays.copyOfRange(object, boundary - 100, boundary + 100));
        }
      }

      String pendingId = builds.keySet().stream().filter(id -> expected.get(id).has("uploadId")).findFirst().orElseThrow();
      JsonNode pending = expected.get(pendingId);
      assertThat(builds.get(pendingId).status()).isEqualTo(BuildStatus.INITIALIZED);
      RequestUploadCredentialsResponse lease = gameLift.requestUploadCredentials(b -> b.buildId(pendingId));
      Credentials keys = lease.uploadCredentials();
      String bucket = lease.storageLocation().bucket();
      String key = lease.storageLocation().key();
      String uploadId = pending.get("uploadId").asText();
      try (S3Client s3 = Uploads.s3(node.endpoint(), AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(),
          keys.sessionToken()))) {
        List<Part> parts = s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts();
        assertThat(parts).extracting(Part::partNumber, Part::eTag, Part::size)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, pending.get("part1ETag").asText(), pending.get("size").asLong()));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
            .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(pending.get("part1ETag").asText()))));
      }
      Build completed = gameLift.describeBuild(b -> b.buildId(pendingId)).build();
      assertThat(completed.status()).isEqualTo(BuildStatus.READY);
      assertThat(completed.sizeOnDisk()).isEqualTo(pending.get("size").asLong());
      try (InputStream in = reader.getObject(b -> b.bucket(bucket).key(key))) {
        assertThat(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())))
            .isEqualTo(pending.get("sha256").asText());
      }
    }
  }

  /** The object key of a build in the default key layout, {@code <account>/<build id>}. */
  private static final class TestKeys {
    static String keyOf(Build build) {
      return dev.hangar.bootstrap.testing.TestConfigs.ACCOUNT.value() + "/" + build.buildId();
    }
  }
}
