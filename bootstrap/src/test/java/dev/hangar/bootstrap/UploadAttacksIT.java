package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.MutableClock;
import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.S3Wire;
import dev.hangar.bootstrap.testing.S3Wire.Payload;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.TestHangar;
import dev.hangar.bootstrap.testing.Uploads;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;

/**
 * One table of attacks on the upload endpoint. Each row is first shown to succeed untouched (a PutObject
 * with the build's own lease, 200, the build READY); then the attack, on a build of its own, is refused with
 * S3's exact code and status, and the stored object is unchanged.
 */
class UploadAttacksIT {
  private static final AccountId BOB = new AccountId("222222222222");
  private static final byte[] ZIP = TestZips.gameServer();

  private MutableClock clock;
  private TestHangar hangar;
  private GameLiftClient alice;
  private GameLiftClient bob;

  /** What an attack does to the honest request of a build: the keys, path, headers or clock it uses instead. */
  record Attack(String name, Function<Context, S3Wire.Request> request, int status, String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Everything an attack may use: the target build's upload, the node, a second account's upload. */
  record Context(Uploads target, Uploads bobs, TestHangar hangar, MutableClock clock) {
    S3Wire.Request put(String path, Map<String, String> headers, S3Wire.Keys keys, Payload payload) {
      return S3Wire.sign(hangar.endpoint(), "PUT", path, headers, ZIP, keys, clock, payload);
    }

    /** A PUT of the zip with no Authorization header: whatever authenticates it is in {@code query}. */
    S3Wire.Request unsignedPut(String query) {
      return new S3Wire.Request("PUT", target.path() + query, java.util.List.of(
          Map.entry("Host", hangar.endpoint().getHost() + ":" + hangar.endpoint().getPort()),
          Map.entry("Content-Length", Integer.toString(ZIP.length))), ZIP);
    }

    S3Wire.Request honest() {
      return put(target.path(), Map.of(), target.keys(), Payload.HEX);
    }
  }

  @BeforeEach
  void start() {
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    hangar = TestHangar.start(TestConfigs.node().withCredentialLifetime(Duration.ofMinutes(15))
        .withPrincipal("AKIABOB0000000002", "bob-secret-00000000002", BOB), clock);
    alice = Clients.gameLift(hangar.endpoint());
    bob = software.amazon.awssdk.services.gamelift.GameLiftClient.builder().endpointOverride(hangar.endpoint()).region(Region.US_WEST_2)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIABOB0000000002", "bob-secret-00000000002")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterEach
  void stop() {
    alice.close();
    bob.close();
    hangar.close();
  }

  static Stream<Arguments> attacks() {
    return Stream.of(
        new Attack("another key", c -> c.put(c.target().path() + "-other", Map.of(), c.target().keys(), Payload.HEX), 403, "AccessDenied"),
        new Attack("another bucket", c -> c.put("/another-bucket/" + c.target().location().key(), Map.of(), c.target().keys(), Payload.HEX),
            403, "AccessDenied"),
        new Attack("after expiry", c -> {
          c.clock().advance(Duration.ofMinutes(16));
          return c.honest();
        }, 400, "ExpiredToken"),
        new Attack("tampered signature", c -> {
          S3Wire.Request honest = c.honest();
          String authorization = honest.header("Authorization");
          char last = authorization.charAt(authorization.length() - 1);
          return honest.withHeader("Authorization", authorization.substring(0, authorization.length() - 1) + (last == '0' ? '1' : '0'));
        }, 403, "SignatureDoesNotMatch"),
        new Attack("wrong session token", c -> c.put(c.target().path(), Map.of(),
            new S3Wire.Keys(c.target().keys().accessKeyId(), c.target().keys().secret(), c.bobs().keys().token()), Payload.HEX), 400, "InvalidToken"),
        // A lease's key id alone means nothing (the token is the lease): the key is unknown, as S3 says of STS keys sent without their token.
        new Attack("missing session token", c -> c.put(c.target().path(), Map.of(),
            new S3Wire.Keys(c.target().keys().accessKeyId(), c.target().keys().secret(), null), Payload.HEX), 403, "InvalidAccessKeyId"),
        new Attack("after READY", c -> {
          S3Wire.Response first = S3Wire.send(c.hangar().endpoint(), c.honest());
          assertThat(first.status()).as(first.body()).isEqualTo(200);
          return c.put(c.target().path(), Map.of(), c.target().keys(), Payload.HEX);
        }, 403, "AccessDenied"),
        new Attack("another account's lease", c -> c.put(c.target().path(), Map.of(), c.bobs().keys(), Payload.HEX), 403, "AccessDenied"),
        new Attack("the API principal's keys writing", c -> c.put(c.target().path(), Map.of(),
            new S3Wire.Keys(Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY, null), Payload.HEX), 403, "AccessDenied"),
        new Attack("a malformed presigned query", c -> c.unsignedPut("?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=nonsense"),
            400, "AuthorizationQueryParametersError"),
        new Attack("a malformed presigned query, its name percent-encoded",
            c -> c.unsignedPut("?X-Amz%2DAlgorithm=AWS4-HMAC-SHA256&X-Amz-Credential=nonsense"), 400, "AuthorizationQueryParametersError"),
        new Attack("an ?acl PUT", c -> c.put(c.target().path() + "?acl", Map.of(), c.target().keys(), Payload.HEX), 403, "AccessDenied"),
        new Attack("an x-amz-acl header", c -> c.put(c.target().path(), Map.of("x-amz-acl", "public-read"), c.target().keys(), Payload.HEX),
            403, "AccessDenied"),
        new Attack("a copy source", c -> c.put(c.target().path(), Map.of("x-amz-copy-source", "/hangar-builds/elsewhere"), c.target().keys(),
            Payload.HEX), 403, "AccessDenied"),
        new Attack("a wrong checksum", c -> c.put(c.target().path(), Map.of("x-amz-checksum-crc32", "AAAAAA=="), c.target().keys(), Payload.HEX),
            400, "BadDigest")).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void attack_firstUntouchedSucceeds_thenRefusedAndNothingChanges(Attack attack) {
    Uploads honest = Uploads.newBuild(alice, "honest");
    S3Wire.Response untouched = S3Wire.send(hangar.endpoint(), new Context(honest, null, hangar, clock).honest());
    assertThat(untouched.status()).as(untouched.body()).isEqualTo(200);
    assertThat(alice.describeBuild(b -> b.buildId(honest.buildId())).build().statusAsString()).isEqualTo("READY");

    Uploads target = Uploads.newBuild(alice, "target");
    Uploads bobs = Uploads.newBuild(bob, "bob's");
    StorageLocation location = StorageLocation.serviceOwned(new BucketName(target.location().bucket()), new ObjectKey(target.location().key()));
    Context context = new Context(target, bobs, hangar, clock);
    S3Wire.Request request = attack.request().apply(context);
    Optional<StoredObject> before = hangar.storage().find(location);
    S3Wire.Response refused = S3Wire.send(hangar.endpoint(), request);
    assertThat(refused.status()).as(refused.body()).isEqualTo(attack.status());
    assertThat(refused.errorCode()).as(refused.body()).isEqualTo(attack.code());
    assertThat(refused.headers()).containsKey("x-amz-request-id");
    assertThat(hangar.storage().find(location)).as("the stored object is unchanged").isEqualTo(before);
    clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    String expectedStatus = attack.name().equals("after READY") ? "READY" : "INITIALIZED";
    assertThat(alice.describeBuild(b -> b.buildId(target.buildId())).build().statusAsString()).isEqualTo(expectedStatus);
  }
}
