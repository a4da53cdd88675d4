package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.S3Wire;
import dev.hangar.bootstrap.testing.S3Wire.Payload;
import dev.hangar.bootstrap.testing.TestHangar;
import dev.hangar.bootstrap.testing.Uploads;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.gamelift.GameLiftClient;

/** Each payload shape real clients send, replayed byte for byte on a raw socket: accepted, and the build becomes READY. */
class UploadWireShapesIT {
  private static TestHangar hangar;
  private static GameLiftClient gameLift;

  @BeforeAll
  static void start() {
    hangar = TestHangar.start(Clock.systemUTC());
    gameLift = Clients.gameLift(hangar.endpoint());
  }

  @AfterAll
  static void stop() {
    gameLift.close();
    hangar.close();
  }

  @ParameterizedTest
  @EnumSource(Payload.class)
  void putObject_eachWireShape_storedAndReady(Payload payload) {
    Uploads upload = Uploads.newBuild(gameLift, "wire-" + payload);
    byte[] zip = TestZips.gameServer();
    S3Wire.Request request = S3Wire.sign(hangar.endpoint(), "PUT", upload.path(), Map.of(), zip, upload.keys(), Clock.systemUTC(), payload);
    assertThat(request.header("x-amz-content-sha256")).isEqualTo(switch (payload) {
      case HEX -> S3Wire.sha256Hex(zip);
      case UNSIGNED_WITH_CHECKSUM_HEADER -> "UNSIGNED-PAYLOAD";
      case SIGNED_CHUNKS_WITH_TRAILER -> "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
      case UNSIGNED_CHUNKS_WITH_TRAILER -> "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    });
    S3Wire.Response response = S3Wire.send(hangar.endpoint(), request);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().get("etag")).isEqualTo("\"" + md5Hex(zip) + "\"");
    var build = gameLift.describeBuild(b -> b.buildId(upload.buildId())).build();
    assertThat(build.statusAsString()).isEqualTo("READY");
    assertThat(build.sizeOnDisk()).isEqualTo(zip.length);
  }

  @org.junit.jupiter.api.Test
  void putObject_httpChunkedUnsignedTrailer_storedAndReady() {
    ExternalTools.requirePythonClients();
    Uploads upload = Uploads.newBuild(gameLift, "http-chunked");
    byte[] zip = TestZips.gameServer();
    S3Wire.Request request = S3Wire.signHttpChunked(hangar.endpoint(), upload.path(), zip, upload.keys(), 100);
    S3Wire.Response response = S3Wire.send(hangar.endpoint(), request);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(gameLift.describeBuild(b -> b.buildId(upload.buildId())).build().statusAsString()).isEqualTo("READY");
  }

  static String md5Hex(byte[] data) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
