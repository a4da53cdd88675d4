package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.Uploads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code java -jar hangar.jar rotate-lease-key}: the next start seals with a new key, and a lease sealed with the
 * previous key still uploads; after a second rotation, a lease of the first key is {@code InvalidToken}.
 */
class LeaseRotationIT {
  @TempDir
  Path dir;

  @Test
  void rotate_newKeySeals_previousKeyStillOpens_olderKeyDropped() throws Exception {
    Path data = dir.resolve("data");
    Uploads a;
    Uploads d;
    try (JarNode node = JarNode.start(data, List.of()); GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      a = Uploads.newBuild(gameLift, "sealed-with-the-first-key");
      d = Uploads.newBuild(gameLift, "also-sealed-with-the-first-key");
    }
    assertThat(rotate(data)).contains("2 key(s) kept");
    Path keyFile = data.resolve("lease.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    assertThat(Files.readAllLines(keyFile)).hasSize(2);

    Uploads c;
    try (JarNode node = JarNode.start(data, List.of()); GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      upload(node, a);
      assertThat(gameLift.describeBuild(b -> b.buildId(a.buildId())).build().status()).isEqualTo(BuildStatus.READY);
      c = Uploads.newBuild(gameLift, "sealed-with-the-second-key");
      assertThat(keyId(c.keys().token())).as("the key id in a token sealed after the rotation").isNotEqualTo(keyId(a.keys().token()));
    }
    assertThat(rotate(data)).contains("2 key(s) kept");

    try (JarNode node = JarNode.start(data, List.of()); GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      assertThatThrownBy(() -> upload(node, d)).isInstanceOfSatisfying(S3Exception.class, e -> {
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidToken");
      });
      assertThat(gameLift.describeBuild(b -> b.buildId(d.buildId())).build().status()).isEqualTo(BuildStatus.INITIALIZED);
      upload(node, c);
      assertThat(gameLift.describeBuild(b -> b.buildId(c.buildId())).build().status()).isEqualTo(BuildStatus.READY);
    }
  }

  private static void upload(JarNode node, Uploads build) {
    try (S3Client s3 = build.s3(node.endpoint())) {
      s3.putObject(b -> b.bucket(build.location().bucket()).key(build.location().key()), RequestBody.fromBytes(TestZips.gameServer()));
    }
  }

  /** Bytes 1..4 of the sealed token (after its {@code HGL1} prefix): the id of the key that sealed it. */
  private static byte[] keyId(String token) {
    assertThat(token).startsWith("HGL1");
    return Arrays.copyOfRange(Base64.getDecoder().decode(token.substring(4)), 1, 5);
  }

  private static String rotate(Path data) throws Exception {
    Path jar = Path.of("target", "hangar.jar").toAbsolutePath();
    Process process = new ProcessBuilder("java", "-jar", jar.toString(), "rotate-lease-key", "--data-dir", data.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
