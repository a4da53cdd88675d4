package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.S3Wire;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.Uploads;
import dev.hangar.bootstrap.testing.WireSocket;
import dev.hangar.domain.storage.UploadLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.gamelift.model.ConflictException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An account's limits, kept exactly on the embedded backends: GameLift's quota of builds (the 1,001st CreateBuild is
 * {@code ConflictException} through the Java SDK and boto3, concurrent creations cannot pass a quota together, and the
 * count outlives a restart), the byte limit (two uploads in flight at once whose sum passes it: one refused; pending
 * parts and imported objects count; CreateBuild by an account over it is refused with GameLift's message), and the
 * open multipart uploads of one build (the 101st is {@code 400 InvalidRequest}, not a retryable {@code SlowDown}).
 */
class AccountLimitsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MIB = 1024 * 1024;

  @TempDir
  Path dir;

  @Test
  void thousandAndFirstCreateBuild_conflictThroughJavaSdkAndBoto3_thenAPlaceFreedByADelete() throws Exception {
    ExternalTools.requirePythonClients();
    try (Hangar hangar = Hangar.start(TestConfigs.node(), Clock.systemUTC()); GameLiftClient gameLift = Clients.gameLift(hangar.endpoint())) {
      List<String> ids = createInParallel(gameLift, 1000, 8);
      assertThat(ids).hasSize(1000).doesNotHaveDuplicates();

      assertThatThrownBy(() -> gameLift.createBuild(b -> b.name("one-too-many")))
          .isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Current limit of builds of 1000 have been reached.");
          });
      JsonNode boto3 = boto3CreateBuild(hangar, "one-too-many-boto3");
      assertThat(boto3.get("ok").asBoolean()).as(boto3.toString()).isFalse();
      assertThat(boto3.get("exception").asText()).isEqualTo("ConflictException");
      assertThat(boto3.get("code").asText()).isEqualTo("ConflictException");
      assertThat(boto3.get("status").asInt()).isEqualTo(400);
      assertThat(boto3.get("message").asText()).isEqualTo("Current limit of builds of 1000 have been reached.");
      assertThat(gameLift.listBuildsPaginator(b -> b.limit(100)).builds().stream().count()).isEqualTo(1000);

      gameLift.deleteBuild(b -> b.buildId(ids.get(0)));
      assertThat(boto3CreateBuild(hangar, "in-the-freed-place").get("ok").asBoolean()).isTrue();
      assertThatThrownBy(() -> gameLift.createBuild(b -> b.name("over-again"))).isInstanceOf(ConflictException.class);
    }
  }

  @Test
  void concurrentCreateBuilds_exactlyTheQuotaStored_andTheCountOutlivesARestart() throws Exception {
    Path data = dir.resolve("data");
    var config = TestConfigs.localNode(data).toBuilder()
        .uploadLimits(new UploadLimits(5L * MIB, 5L * 1024 * MIB, 100L * 1024 * MIB, 20, 100)).build();
    String firstId;
    try (Hangar hangar = Hangar.start(config, Clock.systemUTC()); GameLiftClient gameLift = Clients.gameLift(hangar.endpoint())) {
      List<String> created = createInParallel(gameLift, 60, 12);
      assertThat(created).as("builds stored out of 60 concurrent creations").hasSize(20);
      firstId = created.get(0);
    }
    try (Hangar again = Hangar.start(config, Clock.systemUTC()); GameLiftClient gameLift = Clients.gameLift(again.endpoint())) {
      assertThatThrownBy(() -> gameLift.createBuild(b -> b.name("after-restart")))
          .isInstanceOf(ConflictException.class).hasMessageContaining("Current limit of builds of 20 have been reached.");
      gameLift.deleteBuild(b -> b.buildId(firstId));
      assertThat(gameLift.createBuild(b -> b.name("in-the-freed-place")).build().status()).isEqualTo(BuildStatus.INITIALIZED);
    }
  }

  enum Backend { MEMORY, LOCAL }

  /**
   * A 12 MiB account. Two 7 MiB PutObjects in flight at once (the second's head arrives while the first waits for
   * its 100 Continue): exactly one is refused. Then a pending part fills the account to the byte, so a 1-byte part
   * is refused; aborted, it frees its bytes; an import of the 7 MiB object puts the account over, and CreateBuild is
   * refused with GameLift's message until the imported build is deleted.
   */
  @ParameterizedTest(name = "--backend {0}")
  @EnumSource(Backend.class)
  void byteLimit_concurrentUploadsCannotPassItTogether_pendingPartsAndImportsCount(Backend backend) throws Exception {
    var base = backend == Backend.LOCAL ? TestConfigs.localNode(dir.resolve("data")) : TestConfigs.node();
    var config = base.toBuilder().uploadLimits(new UploadLimits(5L * MIB, 12L * MIB, 12L * MIB)).build();
    try (Hangar hangar = Hangar.start(config, Clock.systemUTC()); GameLiftClient gameLift = Clients.gameLift(hangar.endpoint())) {
      Uploads a = Uploads.newBuild(gameLift, "a");
      Uploads b = Uploads.newBuild(gameLift, "b");
      byte[] sevenA = TestZips.incompressible("a.bin", 7 * MIB);
      byte[] sevenB = TestZips.incompressible("b.bin", 7 * MIB);
      S3Wire.Request putA = S3Wire.sign(hangar.endpoint(), "PUT", a.path(), Map.of("Expect", "100-continue"), sevenA, a.keys(),
          Clock.systemUTC(), S3Wire.Payload.HEX);
      S3Wire.Request putB = S3Wire.sign(hangar.endpoint(), "PUT", b.path(), Map.of("Expect", "100-continue"), sevenB, b.keys(),
          Clock.systemUTC(), S3Wire.Payload.HEX);
      try (WireSocket first = WireSocket.open(hangar.endpoint(), 10_000); WireSocket second = WireSocket.open(hangar.endpoint(), 10_000)) {
        Optional<S3Wire.Response> firstInterim = first.sendHead(putA).readResponse();
        assertThat(firstInterim).isPresent();
        assertThat(firstInterim.get().status()).as(firstInterim.get().body()).isEqualTo(100);
        // The first upload has been admitted and has not sent a byte: the second cannot count on its room.
        Optional<S3Wire.Response> secondAnswer = second.sendHead(putB).readResponse();
        assertThat(secondAnswer).isPresent();
        assertThat(secondAnswer.get().status()).as(secondAnswer.get().body()).isEqualTo(400);
        assertThat(secondAnswer.get().errorCode()).isEqualTo("EntityTooLarge");
        assertThat(secondAnswer.get().body()).contains("account limit of " + 12 * MIB + " bytes");
        Optional<S3Wire.Response> firstAnswer = first.sendBody(sevenA, 0, sevenA.length).readResponse();
        assertThat(firstAnswer).isPresent();
        assertThat(firstAnswer.get().status()).as(firstAnswer.get().body()).isEqualTo(200);
      }
      assertThat(gameLift.describeBuild(r -> r.buildId(a.buildId())).build().status()).isEqualTo(BuildStatus.READY);
      assertThat(gameLift.describeBuild(r -> r.buildId(b.buildId())).build().status()).isEqualTo(BuildStatus.INITIALIZED);

      Uploads c = Uploads.newBuild(gameLift, "c");
      try (S3Client s3 = c.s3(hangar.endpoint())) {
        String upload = s3.createMultipartUpload(r -> r.bucket(c.location().bucket()).key(c.location().key())).uploadId();
        s3.uploadPart(r -> r.bucket(c.location().bucket()).key(c.location().key()).uploadId(upload).partNumber(1),
            RequestBody.fromBytes(new byte[12 * MIB - sevenA.length]));
        assertThatThrownBy(() -> s3.uploadPart(r -> r.bucket(c.location().bucket()).key(c.location().key()).uploadId(upload)
            .partNumber(2), RequestBody.fromBytes(new byte[1])))
            .isInstanceOfSatisfying(S3Exception.class, e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityTooLarge");
            });
        s3.abortMultipartUpload(r -> r.bucket(c.location().bucket()).key(c.location().key()).uploadId(upload));
      }

      String imported = gameLift.createBuild(r -> r.name("imported").storageLocation(l -> l.bucket(a.location().bucket())
          .key(a.location().key()).roleArn("arn:aws:iam::" + TestConfigs.ACCOUNT.value() + ":role/hangar-import"))).build().buildId();
      assertThat(gameLift.describeBuild(r -> r.buildId(imported)).build().sizeOnDisk()).isEqualTo(sevenA.length);
      assertThatThrownBy(() -> gameLift.createBuild(r -> r.name("over")))
          .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Account is currently over limit. Current total size: 0.01GB. Allowed total size: 0.01GB."));
      gameLift.deleteBuild(r -> r.buildId(imported));
      assertThat(gameLift.createBuild(r -> r.name("under-again")).build().status()).isEqualTo(BuildStatus.INITIALIZED);
    }
  }

  @Test
  void hundredAndFirstOpenMultipartUpload_invalidRequestNamingTheLimit_untilOneIsAborted() {
    try (Hangar hangar = Hangar.start(TestConfigs.localNode(dir.resolve("data")), Clock.systemUTC());
        GameLiftClient gameLift = Clients.gameLift(hangar.endpoint())) {
      Uploads build = Uploads.newBuild(gameLift, "many-uploads");
      String bucket = build.location().bucket();
      String key = build.location().key();
      try (S3Client s3 = build.s3(hangar.endpoint())) {
        List<String> open = new ArrayList<>();
        for (int i = 0; i < UploadLimits.DEFAULT_MAX_OPEN_UPLOADS_PER_BUILD; i++) {
          open.add(s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId());
        }
        assertThatThrownBy(() -> s3.createMultipartUpload(r -> r.bucket(bucket).key(key)))
            .isInstanceOfSatisfying(S3Exception.class, e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
              assertThat(e.awsErrorDetails().errorMessage()).contains("100 open multipart uploads per build");
            });
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(open.get(0)));
        assertThat(s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId()).isNotBlank();
      }
    }
  }

  /** {@code total} CreateBuild calls from {@code threads} threads at once; the ids of those that succeeded. */
  private static List<String> createInParallel(GameLiftClient gameLift, int total, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Optional<String>>> calls = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        int n = i;
        calls.add(pool.submit(() -> {
          start.await();
          try {
            return Optional.of(gameLift.createBuild(b -> b.name("build-" + n)).build().buildId());
          } catch (ConflictException e) {
            assertThat(e.awsErrorDetails().errorMessage()).startsWith("Current limit of builds of ");
            return Optional.<String>empty();
          }
        }));
      }
      start.countDown();
      List<String> ids = new ArrayList<>();
      for (Future<Optional<String>> call : calls) {
        call.get(60, TimeUnit.SECONDS).ifPresent(ids::add);
      }
      return ids;
    } finally {
      pool.shutdownNow();
    }
  }

  private static JsonNode boto3CreateBuild(Hangar hangar, String name) throws Exception {
    String cases = JSON.writeValueAsString(List.of(Map.of("name", name, "operation", "create_build", "operationName", "CreateBuild",
        "params", Map.of("Name", name))));
    ExternalTools.Result result = ExternalTools.run(List.of("python3", ExternalTools.PYTHON_DIR.resolve("gamelift_calls.py").toString(),
        hangar.endpoint().toString()), cases, Map.of(), 50);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return JSON.readTree(result.stdout()).get(0);
  }
}
