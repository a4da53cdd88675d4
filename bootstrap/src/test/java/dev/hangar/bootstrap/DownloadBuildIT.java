package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.bootstrap.testing.AwsCli;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A stored build read back as S3 clients read: {@code aws s3 cp} of a 64 MiB READY build (a HEAD that needs
 * {@code LastModified}, then ranged GETs in parallel above the CLI's 8 MiB threshold) gives the same bytes, and
 * the Java SDK's ranged GetObject gets exactly the range asked for, or InvalidRange.
 */
class DownloadBuildIT {
  @TempDir
  static Path dir;

  private static JarNode node;
  private static AwsCli aws;
  private static S3Client api;
  private static Path zip;
  private static String key;

  @BeforeAll
  static void start() throws IOException {
    node = JarNode.start(dir.resolve("data"), List.of());
    aws = new AwsCli(dir.resolve("home"), node.endpoint());
    api = Uploads.apiS3(node.endpoint());
    zip = dir.resolve("big.zip");
    byte[] blob = new byte[64 * 1024 * 1024];
    new Random(9).nextBytes(blob);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.setLevel(0);
      out.putNextEntry(new ZipEntry("game.pak"));
      out.write(blob);
      out.putNextEntry(new ZipEntry("server.sh"));
      out.write("#!/bin/sh\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    try (GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      Uploads build = Uploads.newBuild(gameLift, "download-me");
      try (S3Client upload = build.s3(node.endpoint())) {
        upload.putObject(b -> b.bucket(build.location().bucket()).key(build.location().key()), RequestBody.fromFile(zip));
      }
      assertThat(gameLift.describeBuild(b -> b.buildId(build.buildId())).build().status()).isEqualTo(BuildStatus.READY);
      key = build.location().key();
    }
  }

  @AfterAll
  static void stop() {
    api.close();
    node.close();
  }

  @Test
  void s3Cp_64MiBReadyBuild_byteIdenticalFile() throws IOException {
    ExternalTools.requirePythonClients();
    Path fetched = dir.resolve("fetched.zip");
    ExternalTools.Result copy = aws.run(300, "s3", "cp", "--no-progress", "s3://hangar-builds/" + key, fetched.toString());
    assertThat(copy.exitCode()).as(copy.stderr()).isZero();
    assertThat(Files.size(fetched)).isEqualTo(Files.size(zip));
    assertThat(Files.mismatch(fetched, zip)).isEqualTo(-1L);
  }

  @Test
  void getObject_range_exactlyThoseBytes() throws IOException {
    byte[] whole = Files.readAllBytes(zip);
    long size = whole.length;
    ResponseBytes<GetObjectResponse> middle = api.getObjectAsBytes(b -> b.bucket("hangar-builds").key(key).range("bytes=9000000-9999999"));
    assertThat(middle.asByteArray().length).isEqualTo(1_000_000);
    assertThat(Arrays.mismatch(middle.asByteArray(), Arrays.copyOfRange(whole, 9_000_000, 10_000_000))).as("first differing byte").isEqualTo(-1);
    assertThat(middle.response().contentRange()).isEqualTo("bytes 9000000-9999999/" + size);
    assertThat(middle.response().contentLength()).isEqualTo(1_000_000L);
    assertThat(middle.response().lastModified()).isNotNull();

    ResponseBytes<GetObjectResponse> tail = api.getObjectAsBytes(b -> b.bucket("hangar-builds").key(key).range("bytes=-7"));
    assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 7, whole.length));

    ResponseBytes<GetObjectResponse> first = api.getObjectAsBytes(b -> b.bucket("hangar-builds").key(key).range("bytes=0-0"));
    assertThat(first.asByteArray()).containsExactly(whole[0]);

    assertThatThrownBy(() -> api.getObjectAsBytes(b -> b.bucket("hangar-builds").key(key).range("bytes=" + size + "-")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(416);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
        });
  }

  @Test
  void headObject_storedBuild_lastModified() {
    var head = api.headObject(b -> b.bucket("hangar-builds").key(key));
    assertThat(head.lastModified()).isNotNull();
    assertThat(head.contentLength()).isEqualTo(zip.toFile().length());
  }
}
