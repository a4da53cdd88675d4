package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.application.fixture.MutableClock;
import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.RawSigner;
import dev.hangar.bootstrap.testing.S3Wire;
import dev.hangar.bootstrap.testing.S3Wire.Payload;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.TestHangar;
import dev.hangar.bootstrap.testing.Uploads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gamelift.GameLiftClient;

/**
 * A lease's expiry as the node enforces it on real S3 requests: one second before it, PutObject and UploadPart
 * with the lease are accepted; one second after it, both are refused with S3's ExpiredToken. The node's clock is
 * the test's; every request is signed at that clock's time, so only the lease's expiry decides.
 */
class LeaseExpiryIT {
  private static final Duration LEASE = Duration.ofMinutes(15);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");

  private MutableClock clock;
  private TestHangar hangar;
  private GameLiftClient gameLift;

  @BeforeEach
  void start() {
    // The real time at the start: CreateBuild is signed by the SDK with its own clock.
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    hangar = TestHangar.start(TestConfigs.node().withCredentialLifetime(LEASE), clock);
    gameLift = Clients.gameLift(hangar.endpoint());
  }

  @AfterEach
  void stop() {
    gameLift.close();
    hangar.close();
  }

  @Test
  void putObject_oneSecondBeforeLeaseExpiry_acceptedAndBuildReady() {
    Instant expiry = clock.instant().plus(LEASE);
    Uploads upload = Uploads.newBuild(gameLift, "put-before-expiry");
    clock.set(expiry.minusSeconds(1));

    S3Wire.Response put = send(upload, "PUT", upload.path(), TestZips.gameServer());

    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(status(upload)).isEqualTo("READY");
  }

  @Test
  void putObject_oneSecondAfterLeaseExpiry_refusedAsExpiredToken() {
    Instant expiry = clock.instant().plus(LEASE);
    Uploads upload = Uploads.newBuild(gameLift, "put-after-expiry");
    clock.set(expiry.plusSeconds(1));

    S3Wire.Response put = send(upload, "PUT", upload.path(), TestZips.gameServer());

    assertThat(put.status()).as(put.body()).isEqualTo(400);
    assertThat(put.errorCode()).isEqualTo("ExpiredToken");
    assertThat(status(upload)).isEqualTo("INITIALIZED");
  }

  @Test
  void uploadPart_aroundLeaseExpiry_acceptedOneSecondBeforeRefusedOneSecondAfter() {
    Instant expiry = clock.instant().plus(LEASE);
    Uploads upload = Uploads.newBuild(gameLift, "parts-around-expiry");
    S3Wire.Response created = send(upload, "POST", upload.path() + "?uploads", new byte[0]);
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    Matcher id = UPLOAD_ID.matcher(created.body());
    assertThat(id.find()).as(created.body()).isTrue();
    String parts = upload.path() + "?uploadId=" + id.group(1) + "&partNumber=";

    clock.set(expiry.minusSeconds(1));
    S3Wire.Response before = send(upload, "PUT", parts + 1, "part one".getBytes(StandardCharsets.UTF_8));
    assertThat(before.status()).as(before.body()).isEqualTo(200);
    assertThat(before.headers()).containsKey("etag");

    clock.set(expiry.plusSeconds(1));
    S3Wire.Response after = send(upload, "PUT", parts + 2, "part two".getBytes(StandardCharsets.UTF_8));
    assertThat(after.status()).as(after.body()).isEqualTo(400);
    assertThat(after.errorCode()).isEqualTo("ExpiredToken");
    assertThat(status(upload)).isEqualTo("INITIALIZED");
  }

  /** Signed with the lease at the node's (the test's) clock. */
  private S3Wire.Response send(Uploads upload, String method, String pathAndQuery, byte[] body) {
    return S3Wire.send(hangar.endpoint(), S3Wire.sign(hangar.endpoint(), method, pathAndQuery, Map.of(), body, upload.keys(), clock,
        Payload.HEX));
  }

  /** DescribeBuild's Status, signed with the account's keys at the node's clock. */
  private String status(Uploads upload) {
    HttpResponse<String> described = RawSigner.call(hangar.endpoint(), "DescribeBuild", "{\"BuildId\":\"" + upload.buildId() + "\"}",
        Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY, clock, "us-west-2", "gamelift");
    assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
    try {
      return JSON.readTree(described.body()).path("Build").path("Status").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
