package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.S3Wire;
import dev.hangar.bootstrap.testing.S3Wire.Payload;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.TestHangar;
import dev.hangar.bootstrap.testing.Uploads;
import dev.hangar.bootstrap.testing.WireSocket;
import dev.hangar.domain.storage.UploadLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code Expect: 100-continue}: a PUT is authenticated and authorized on its head alone. A refused 100 MiB PUT is
 * answered with its final error while not one byte of its body has been sent (what is asserted is the bytes sent,
 * not the time taken); an accepted one gets {@code 100 Continue} first, and only then its body is read.
 */
class ExpectContinueIT {
  private static final int HUNDRED_MIB = 100 * 1024 * 1024;
  /** A body of 100 MiB of zeros: only signed over (its hash), never sent. */
  private static final byte[] HUNDRED_MIB_OF_ZEROS = new byte[HUNDRED_MIB];

  private static Path dataDir;
  private static TestHangar hangar;
  private static GameLiftClient gameLift;
  private static S3Client apiS3;

  @BeforeAll
  static void start() throws IOException {
    dataDir = Files.createTempDirectory("hangar-expect-");
    hangar = TestHangar.start(TestConfigs.localNode(dataDir), Clock.systemUTC());
    gameLift = Clients.gameLift(hangar.endpoint());
    apiS3 = Uploads.apiS3(hangar.endpoint());
  }

  @AfterAll
  static void stop() {
    apiS3.close();
    gameLift.close();
    hangar.close();
  }

  @Test
  void refused100MiBPut_anotherBuildsKeys_accessDeniedBeforeAnyBodyByte() {
    Uploads target = Uploads.newBuild(gameLift, "expect-target");
    Uploads other = Uploads.newBuild(gameLift, "expect-other");
    // A correct signature, by a lease that is valid, but for another build's key: refused on the head alone.
    S3Wire.Request put = S3Wire.sign(hangar.endpoint(), "PUT", target.path(), Map.of(), HUNDRED_MIB_OF_ZEROS, other.keys(),
        Clock.systemUTC(), Payload.HEX);

    assertRefusedBeforeBody(hangar, put, 403, "AccessDenied");
    assertNothingKept(target);
    assertNothingKept(other);
  }

  @Test
  void refused100MiBPut_tamperedSignature_signatureDoesNotMatchBeforeAnyBodyByte() {
    Uploads target = Uploads.newBuild(gameLift, "expect-bad-signature");
    S3Wire.Request honest = S3Wire.sign(hangar.endpoint(), "PUT", target.path(), Map.of(), HUNDRED_MIB_OF_ZEROS, target.keys(),
        Clock.systemUTC(), Payload.HEX);
    String authorization = honest.header("Authorization");
    int last = authorization.length() - 1;
    String tampered = authorization.substring(0, last) + (authorization.charAt(last) == '0' ? '1' : '0');

    assertRefusedBeforeBody(hangar, honest.withHeader("Authorization", tampered), 403, "SignatureDoesNotMatch");
    assertNothingKept(target);
  }

  @Test
  void refused100MiBPut_overTheObjectLimit_entityTooLargeBeforeAnyBodyByte() throws IOException {
    Path smallDir = Files.createTempDirectory("hangar-expect-small-");
    var config = TestConfigs.localNode(smallDir).toBuilder()
        .uploadLimits(new UploadLimits(50L * 1024 * 1024, 50L * 1024 * 1024, 1024L * 1024 * 1024)).build();
    try (TestHangar small = TestHangar.start(config, Clock.systemUTC());
        GameLiftClient smallGameLift = Clients.gameLift(small.endpoint())) {
      Uploads target = Uploads.newBuild(smallGameLift, "expect-too-large");
      // Its own keys, correctly signed: only the declared length (100 MiB > 50 MiB) is wrong.
      S3Wire.Request put = S3Wire.sign(small.endpoint(), "PUT", target.path(), Map.of(), HUNDRED_MIB_OF_ZEROS, target.keys(),
          Clock.systemUTC(), Payload.HEX);

      assertRefusedBeforeBody(small, put, 400, "EntityTooLarge");
      assertThat(smallGameLift.describeBuild(b -> b.buildId(target.buildId())).build().statusAsString()).isEqualTo("INITIALIZED");
      assertThat(small.storage().find(UploadTamperingIT.location(target))).isEmpty();
      UploadTamperingIT.awaitEmpty(smallDir.resolve("storage").resolve("tmp"));
    }
  }

  @Test
  void accepted100MiBPut_correctlySigned_continueFirst() {
    Uploads target = Uploads.newBuild(gameLift, "expect-accepted-large");
    S3Wire.Request put = S3Wire.sign(hangar.endpoint(), "PUT", target.path(), Map.of(), HUNDRED_MIB_OF_ZEROS, target.keys(),
        Clock.systemUTC(), Payload.HEX);
    assertThat(put.header("Content-Length")).isEqualTo(Integer.toString(HUNDRED_MIB));

    S3Wire.Response first = S3Wire.headOnly(hangar.endpoint(), put);

    // The same head as the refused ones, but authorized: the server asks for the body.
    assertThat(first.status()).isEqualTo(100);
    // The client went away without its body: nothing of it is kept.
    assertNothingKept(target);
  }

  @Test
  void smallPut_correctlySigned_continueThenBodyThenStoredAndReady() {
    Uploads target = Uploads.newBuild(gameLift, "expect-accepted");
    byte[] zip = TestZips.gameServer();
    S3Wire.Request put = S3Wire.sign(hangar.endpoint(), "PUT", target.path(), Map.of(), zip, target.keys(), Clock.systemUTC(),
        Payload.HEX).withHeader("Expect", "100-continue");

    try (WireSocket wire = WireSocket.open(hangar.endpoint(), 10_000)) {
      Optional<S3Wire.Response> interim = wire.sendHead(put).readResponse();
      assertThat(interim).as("the first answer, to the head alone").isPresent();
      assertThat(interim.get().status()).as(interim.get().body()).isEqualTo(100);
      assertThat(wire.bodyBytesSent()).isZero();

      Optional<S3Wire.Response> last = wire.sendBody(zip, 0, zip.length).readResponse();
      assertThat(last).as("the final answer, after the body").isPresent();
      assertThat(last.get().status()).as(last.get().body()).isEqualTo(200);
      assertThat(last.get().headers().get("etag")).isEqualTo("\"" + UploadWireShapesIT.md5Hex(zip) + "\"");
    }
    var build = gameLift.describeBuild(b -> b.buildId(target.buildId())).build();
    assertThat(build.statusAsString()).isEqualTo("READY");
    assertThat(build.sizeOnDisk()).isEqualTo(zip.length);
  }

  /**
   * Sends the head alone with {@code Expect: 100-continue} and reads the first response: it must be the final
   * refusal (no interim 100), received while 0 body bytes have been sent; then the server closes the connection.
   */
  private static void assertRefusedBeforeBody(TestHangar node, S3Wire.Request put, int status, String code) {
    assertThat(put.header("Content-Length")).isEqualTo(Integer.toString(HUNDRED_MIB));
    try (WireSocket wire = WireSocket.open(node.endpoint(), 10_000)) {
      Optional<S3Wire.Response> first = wire.sendHead(put.withHeader("Expect", "100-continue")).readResponse();

      assertThat(wire.bodyBytesSent()).as("body bytes sent before the answer").isZero();
      assertThat(first).as("an answer to the head alone").isPresent();
      S3Wire.Response response = first.get();
      assertThat(response.status()).as(response.body()).isEqualTo(status);
      assertThat(response.errorCode()).as(response.body()).isEqualTo(code);
      assertThat(response.headers().get("connection")).isEqualToIgnoringCase("close");
      assertThat(wire.closedByServer()).as("the server closed the connection instead of waiting for the body").isTrue();
    }
    // The same through S3Wire's own head-only exchange.
    S3Wire.Response again = S3Wire.headOnly(node.endpoint(), put);
    assertThat(again.status()).isEqualTo(status);
    assertThat(again.errorCode()).isEqualTo(code);
  }

  private static void assertNothingKept(Uploads upload) {
    assertThat(hangar.storage().find(UploadTamperingIT.location(upload))).isEmpty();
    assertThatThrownBy(() -> apiS3.headObject(b -> b.bucket(upload.location().bucket()).key(upload.location().key())))
        .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThat(gameLift.describeBuild(b -> b.buildId(upload.buildId())).build().statusAsString()).isEqualTo("INITIALIZED");
    UploadTamperingIT.awaitEmpty(dataDir.resolve("storage").resolve("tmp"));
  }
}
