package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.adapter.filesystem.FileSystemLeaseKeys;
import dev.hangar.adapter.inmemory.InMemoryLeaseKeys;
import dev.hangar.adapter.inmemory.SealedCredentialIssuer;
import dev.hangar.application.fixture.MutableClock;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.S3Wire;
import dev.hangar.bootstrap.testing.S3Wire.Payload;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.Uploads;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.credential.UploadTarget;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StorageLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.gamelift.GameLiftClient;

/**
 * Acceptance 3 of issue 11, on both embedded backends: a lease's session token is checked by opening its seal.
 * A changed byte in the token, another lease's token beside this lease's key id, a well-formed lease for this
 * very build sealed with another node key, and an expired lease are each refused with S3's exact code and
 * status, for UploadPart and PutObject alike, and the part already stored stays as it was. On local, a lease
 * forged with the node's own key (read from its data folder) is accepted: the forgery above differs only in
 * the key.
 */
class SealedLeaseIT {
  private static final Duration LEASE = Duration.ofMinutes(15);
  private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");
  private static final Pattern ETAG = Pattern.compile("<ETag>([^<]+)</ETag>");
  private static final Pattern PART_NUMBER = Pattern.compile("<PartNumber>(\\d+)</PartNumber>");

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "local"})
  void tamperedForeignAndExpiredTokens_refusedWithS3Codes_storedPartUnchanged(String backend) throws Exception {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Path data = dir.resolve("data");
    ServiceConfig config = (backend.equals("local") ? TestConfigs.localNode(data) : TestConfigs.node()).withCredentialLifetime(LEASE);
    try (Hangar hangar = Hangar.start(config, clock); GameLiftClient gameLift = Clients.gameLift(hangar.endpoint())) {
      Uploads upload = Uploads.newBuild(gameLift, "sealed");
      Uploads other = Uploads.newBuild(gameLift, "other");
      S3Wire.Response created = send(hangar, clock, upload.keys(), "POST", upload.path() + "?uploads", new byte[0]);
      assertThat(created.status()).as(created.body()).isEqualTo(200);
      Matcher id = UPLOAD_ID.matcher(created.body());
      assertThat(id.find()).isTrue();
      String partOne = upload.path() + "?partNumber=1&uploadId=" + id.group(1);
      S3Wire.Response stored = send(hangar, clock, upload.keys(), "PUT", partOne, bytes("the part as first sent"));
      assertThat(stored.status()).as(stored.body()).isEqualTo(200);
      String storedEtag = stored.headers().get("etag");
      String listParts = upload.path() + "?uploadId=" + id.group(1);

      List<Map.Entry<String, S3Wire.Keys>> invalid = new ArrayList<>();
      S3Wire.Keys honest = upload.keys();
      byte[] token = Base64.getDecoder().decode(honest.token().substring(4));
      for (int at : new int[] {0, 3, 10, 30, token.length / 2, token.length - 1}) {
        byte[] flipped = token.clone();
        flipped[at] ^= 0x01;
        invalid.add(Map.entry("byte " + at + " of the token flipped",
            new S3Wire.Keys(honest.accessKeyId(), honest.secret(), "HGL1" + Base64.getEncoder().encodeToString(flipped))));
      }
      invalid.add(Map.entry("another lease's token with this key id", new S3Wire.Keys(honest.accessKeyId(), honest.secret(), other.keys().token())));
      UploadTarget target = new UploadTarget(TestConfigs.ACCOUNT, new BuildId(upload.buildId()),
          StorageLocation.serviceOwned(new BucketName(upload.location().bucket()), new ObjectKey(upload.location().key())));
      CredentialLease foreign = new SealedCredentialIssuer(new InMemoryLeaseKeys(), LEASE).issueUploadLease(target, clock.instant());
      invalid.add(Map.entry("this build's lease sealed with another node key", keys(foreign)));

      for (Map.Entry<String, S3Wire.Keys> attack : invalid) {
        for (String[] request : new String[][] {{"PUT", partOne}, {"PUT", upload.path()}}) {
          S3Wire.Response refused = send(hangar, clock, attack.getValue(), request[0], request[1], bytes("replacement " + attack.getKey()));
          assertThat(refused.status()).as(attack.getKey() + ": " + refused.body()).isEqualTo(400);
          assertThat(refused.errorCode()).as(attack.getKey()).isEqualTo("InvalidToken");
        }
        assertUnchanged(hangar, clock, upload, listParts, storedEtag, gameLift);
      }

      if (backend.equals("local")) {
        // The control: the same forgery with the node's own key is a lease like any other.
        CredentialLease own = new SealedCredentialIssuer(new FileSystemLeaseKeys(data), LEASE).issueUploadLease(target, clock.instant());
        S3Wire.Response accepted = send(hangar, clock, keys(own), "PUT", upload.path() + "?partNumber=2&uploadId=" + id.group(1),
            bytes("part two, with a lease sealed by the node's own key"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
      }

      clock.advance(LEASE.plusSeconds(1));
      for (String[] request : new String[][] {{"PUT", partOne}, {"PUT", upload.path()}}) {
        S3Wire.Response expired = send(hangar, clock, honest, request[0], request[1], bytes("replacement after expiry"));
        assertThat(expired.status()).as(expired.body()).isEqualTo(400);
        assertThat(expired.errorCode()).isEqualTo("ExpiredToken");
      }
      clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
      assertUnchanged(hangar, clock, upload, listParts, storedEtag, gameLift);
    }
  }

  /** Part 1 is still the part first sent, and the build still waits for its files. */
  private static void assertUnchanged(Hangar hangar, MutableClock clock, Uploads upload, String listParts, String storedEtag,
      GameLiftClient gameLift) {
    S3Wire.Response parts = send(hangar, clock, upload.keys(), "GET", listParts, new byte[0]);
    assertThat(parts.status()).as(parts.body()).isEqualTo(200);
    Matcher etag = ETAG.matcher(parts.body());
    assertThat(etag.find()).as(parts.body()).isTrue();
    assertThat(etag.group(1).replace("&quot;", "\"")).isEqualTo(storedEtag);
    Matcher number = PART_NUMBER.matcher(parts.body());
    assertThat(number.find()).isTrue();
    assertThat(number.group(1)).isEqualTo("1");
    assertThat(gameLift.describeBuild(b -> b.buildId(upload.buildId())).build().statusAsString()).isEqualTo("INITIALIZED");
  }

  private static S3Wire.Keys keys(CredentialLease lease) {
    return new S3Wire.Keys(lease.accessKeyId(), lease.secretAccessKey(), lease.sessionToken());
  }

  private static S3Wire.Response send(Hangar hangar, MutableClock clock, S3Wire.Keys keys, String method, String pathAndQuery, byte[] body) {
    return S3Wire.send(hangar.endpoint(), S3Wire.sign(hangar.endpoint(), method, pathAndQuery, Map.of(), body, keys, clock, Payload.HEX));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
