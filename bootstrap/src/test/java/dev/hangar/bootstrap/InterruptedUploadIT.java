package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.MutableClock;
import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.S3Wire;
import dev.hangar.bootstrap.testing.S3Wire.Payload;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.TestHangar;
import dev.hangar.bootstrap.testing.Uploads;
import dev.hangar.bootstrap.testing.WireSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.RequestUploadCredentialsResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A client killed in the middle of an upload: once after a multipart upload's first part was acknowledged and
 * during its second, once in the middle of a single PutObject. Nothing is stored (HeadObject 404), the build stays
 * INITIALIZED, the killed write's temporary file is removed, no file at all remains once the lease has expired and
 * the expired uploads are swept, and a fresh upload (the AWS CLI's upload-build, and fresh credentials for the
 * same build) reaches READY.
 */
class InterruptedUploadIT {
  private static final int PART = 5 * 1024 * 1024;
  private static final Duration LEASE = Duration.ofMinutes(15);
  private static final Pattern BUILD_ID = Pattern.compile("Build ID: (build-[0-9a-fA-F-]+)");

  @TempDir
  Path dataDir;
  @TempDir
  Path home;

  private MutableClock clock;
  private TestHangar hangar;
  private GameLiftClient gameLift;
  private S3Client apiS3;

  @BeforeEach
  void start() {
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    hangar = TestHangar.start(TestConfigs.localNode(dataDir).withCredentialLifetime(LEASE), clock);
    gameLift = Clients.gameLift(hangar.endpoint());
    apiS3 = Uploads.apiS3(hangar.endpoint());
  }

  @AfterEach
  void stop() {
    apiS3.close();
    gameLift.close();
    hangar.close();
  }

  @Test
  void multipart_killedDuringSecondPartAfterFirstAcknowledged_nothingKeptThenFreshUploadsReady() {
    Uploads upload = Uploads.newBuild(gameLift, "killed-multipart");
    String uploadId;
    try (S3Client s3 = upload.s3(hangar.endpoint())) {
      uploadId = s3.createMultipartUpload(b -> b.bucket(upload.location().bucket()).key(upload.location().key())).uploadId();
      byte[] part1 = randomBytes(PART, 1);
      UploadPartResponse acknowledged = s3.uploadPart(b -> b.bucket(upload.location().bucket()).key(upload.location().key())
          .uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part1));
      assertThat(acknowledged.eTag()).isEqualTo("\"" + UploadWireShapesIT.md5Hex(part1) + "\"");

      // Part 2, signed as a client would, sent halfway; the client is killed while the server is writing it.
      byte[] part2 = randomBytes(PART, 2);
      S3Wire.Request second = S3Wire.sign(hangar.endpoint(), "PUT", upload.path() + "?partNumber=2&uploadId=" + uploadId, Map.of(),
          part2, upload.keys(), clock, Payload.HEX);
      killHalfway(second);

      assertNothingStored(upload);
      // The upload itself goes on: it holds part 1 only.
      List<Part> parts = s3.listParts(b -> b.bucket(upload.location().bucket()).key(upload.location().key()).uploadId(uploadId)).parts();
      assertThat(parts).extracting(Part::partNumber).containsExactly(1);
      assertThat(parts.get(0).size()).isEqualTo((long) PART);
    }
    assertThat(list(storage("uploads"))).as("the open multipart upload").hasSize(1);

    expireLeaseAndSweep(1);

    freshUploadsReachReady(upload);
  }

  @Test
  void singlePut_killedHalfway_nothingKeptThenFreshUploadsReady() {
    Uploads upload = Uploads.newBuild(gameLift, "killed-put");
    byte[] object = randomBytes(8 * 1024 * 1024, 3);
    S3Wire.Request put = S3Wire.sign(hangar.endpoint(), "PUT", upload.path(), Map.of(), object, upload.keys(), clock, Payload.HEX);
    killHalfway(put);

    assertNothingStored(upload);
    assertThat(list(storage("uploads"))).isEmpty();

    expireLeaseAndSweep(0);

    freshUploadsReachReady(upload);
  }

  /**
   * Sends the head and half the body, waits (at most 10 s) until the server is writing it to a temporary file, then
   * resets the connection as a killed client's kernel does; then waits (at most 10 s) until that file is gone.
   */
  private void killHalfway(S3Wire.Request request) {
    int half = request.body().length / 2;
    WireSocket wire = WireSocket.open(hangar.endpoint(), 10_000);
    try {
      wire.sendHead(request).sendBody(request.body(), 0, half);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!writing() && System.nanoTime() < deadline) {
        pause();
      }
      assertThat(writing()).as("the server writes the body to a temporary file while it arrives").isTrue();
    } finally {
      wire.kill();
    }
    assertThat(wire.bodyBytesSent()).isEqualTo(half);
    UploadTamperingIT.awaitEmpty(storage("tmp"));
  }

  /** A temporary file of the upload exists in tmp/ with some of the body in it. */
  private boolean writing() {
    return list(storage("tmp")).stream().anyMatch(file -> file.getFileName().toString().startsWith("write-") && size(file) > 0);
  }

  private void assertNothingStored(Uploads upload) {
    assertThatThrownBy(() -> apiS3.headObject(b -> b.bucket(upload.location().bucket()).key(upload.location().key())))
        .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThat(hangar.storage().find(UploadTamperingIT.location(upload))).isEmpty();
    assertThat(gameLift.describeBuild(b -> b.buildId(upload.buildId())).build().statusAsString()).isEqualTo("INITIALIZED");
    assertThat(list(storage("objects"))).isEmpty();
  }

  /** Moves past the lease's expiry, sweeps expired uploads, and checks that no upload or temporary file remains. */
  private void expireLeaseAndSweep(int expectedRemoved) {
    clock.advance(LEASE.plusMinutes(1));
    assertThat(hangar.uploads().removeExpiredUploads(clock.instant())).isEqualTo(expectedRemoved);
    assertThat(list(storage("uploads"))).isEmpty();
    assertThat(list(storage("tmp"))).isEmpty();
    assertThat(list(storage("objects"))).isEmpty();
  }

  /** Back to the real time (so that clients' signatures are current); the AWS CLI's upload-build, then fresh keys for the build. */
  private void freshUploadsReachReady(Uploads interrupted) {
    clock.set(Instant.now());

    ExternalTools.requirePythonClients();
    String cliBuild = awsUploadBuild();
    assertThat(gameLift.describeBuild(b -> b.buildId(cliBuild)).build().statusAsString()).isEqualTo("READY");

    RequestUploadCredentialsResponse fresh = gameLift.requestUploadCredentials(b -> b.buildId(interrupted.buildId()));
    assertThat(fresh.storageLocation().key()).isEqualTo(interrupted.location().key());
    S3Wire.Keys keys = new S3Wire.Keys(fresh.uploadCredentials().accessKeyId(), fresh.uploadCredentials().secretAccessKey(),
        fresh.uploadCredentials().sessionToken());
    byte[] zip = TestZips.gameServer();
    S3Wire.Response put = S3Wire.send(hangar.endpoint(),
        S3Wire.sign(hangar.endpoint(), "PUT", interrupted.path(), Map.of(), zip, keys, clock, Payload.HEX));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    var build = gameLift.describeBuild(b -> b.buildId(interrupted.buildId())).build();
    assertThat(build.statusAsString()).isEqualTo("READY");
    assertThat(build.sizeOnDisk()).isEqualTo(zip.length);
    assertThat(apiS3.headObject(b -> b.bucket(interrupted.location().bucket()).key(interrupted.location().key())).contentLength())
        .isEqualTo(zip.length);
    assertThat(list(storage("tmp"))).isEmpty();
    assertThat(list(storage("uploads"))).isEmpty();
  }

  /** Runs {@code aws gamelift upload-build} on a small build root and returns the build id it prints. */
  private String awsUploadBuild() {
    Path root = home.resolve("build-root");
    try {
      Files.createDirectories(root.resolve("data"));
      Files.writeString(root.resolve("server.sh"), "#!/bin/sh\necho hello\n", StandardCharsets.UTF_8);
      Files.writeString(root.resolve("data").resolve("level1.bin"), "level one", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ExternalTools.Result result = ExternalTools.run(List.of("aws", "gamelift", "upload-build", "--name", "after-kill",
        "--build-version", "v1", "--build-root", root.toString()), null, Map.of(
        "HOME", home.toString(),
        "AWS_CONFIG_FILE", home.resolve("no-config").toString(),
        "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString(),
        "AWS_ACCESS_KEY_ID", Clients.ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", Clients.SECRET_ACCESS_KEY,
        "AWS_DEFAULT_REGION", "us-west-2",
        "AWS_ENDPOINT_URL_GAMELIFT", hangar.endpoint().toString(),
        "AWS_ENDPOINT_URL_S3", hangar.endpoint().toString()), 120);
    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    Matcher id = BUILD_ID.matcher(result.stdout());
    assertThat(id.find()).as(result.stdout()).isTrue();
    return id.group(1);
  }

  private Path storage(String dir) {
    return dataDir.resolve("storage").resolve(dir);
  }

  private static List<Path> list(Path dir) {
    return UploadTamperingIT.list(dir);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // moved or removed meanwhile
    }
  }

  private static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
