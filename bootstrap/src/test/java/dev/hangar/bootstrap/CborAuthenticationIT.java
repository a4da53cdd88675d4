package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.bootstrap.testing.CborBytes;
import dev.hangar.bootstrap.testing.CborCalls;
import dev.hangar.bootstrap.testing.CborCalls.Reply;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.RawSigner;
import dev.hangar.bootstrap.testing.S3Wire;
import dev.hangar.bootstrap.testing.TestHangar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SigV4 over Smithy RPC v2 CBOR (issue 8, acceptance 4): each case is sent twice in the same test, once over
 * AWS JSON 1.1 and once over CBOR, signed with the same keys and clock; the CBOR reply has the JSON reply's
 * status, code and message, in a CBOR body with the protocol's headers.
 */
class CborAuthenticationIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FRONT_END = "com.amazon.coral.service#";
  private static final Pattern AMZ_DATE = Pattern.compile("\\d{8}T\\d{6}Z");
  private static TestHangar hangar;

  @BeforeAll
  static void start() {
    hangar = TestHangar.start(Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    hangar.close();
  }

  /** What came back over one protocol, reduced to what both protocols must agree on. */
  private record Outcome(int status, String code, String message) {
  }

  /** Signs the same call for both protocols: the JSON request on {@code POST /}, the CBOR one on its path. */
  private record Case(String name, RawSigner.Signed json, RawSigner.Signed cbor) {
    static Case signed(String name, String operation, Map<String, Object> input, S3Wire.Keys keys, Clock clock, String region,
        String service) {
      String jsonBody;
      try {
        jsonBody = JSON.writeValueAsString(input);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Case(name, RawSigner.json(hangar.endpoint(), operation, jsonBody, keys, clock, region, service),
          RawSigner.sign(hangar.endpoint(), CborCalls.path(operation), CborCalls.headers(), CborBytes.plain(input), keys, clock, region,
              service));
    }

    static Case signed(String name, String operation, Map<String, Object> input, S3Wire.Keys keys, Clock clock) {
      return signed(name, operation, input, keys, clock, CborCalls.REGION, "gamelift");
    }

    /** The same call unsigned, with {@code headers} added to each protocol's own. */
    static Case unsigned(String name, String operation, Map<String, String> headers) {
      Map<String, List<String>> json = new LinkedHashMap<>();
      json.put("X-Amz-Target", List.of("GameLift." + operation));
      json.put("Content-Type", List.of("application/x-amz-json-1.1"));
      Map<String, List<String>> cbor = new LinkedHashMap<>();
      CborCalls.headers().forEach((key, value) -> cbor.put(key, List.of(value)));
      headers.forEach((key, value) -> {
        json.put(key, List.of(value));
        cbor.put(key, List.of(value));
      });
      return new Case(name, new RawSigner.Signed("/", json, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          new RawSigner.Signed(CborCalls.path(operation), cbor, CborBytes.plain(Map.of())));
    }
  }

  @Test
  void rightKeys_overCbor_succeedAsOverJson() {
    Case listing = Case.signed("right keys", "ListBuilds", Map.of(), CborCalls.TEST_KEYS, Clock.systemUTC());
    HttpResponse<byte[]> json = RawSigner.send(hangar.endpoint(), listing.json(), Duration.ofSeconds(10));
    Reply cbor = CborCalls.send(hangar.endpoint(), listing.cbor(), Duration.ofSeconds(10));
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(cbor.status()).as(cbor.describe()).isEqualTo(200);
    assertCborHeaders(cbor);
    assertThat(cbor.tree().get("Builds").isArray()).isTrue();

    Reply created = CborCalls.send(hangar.endpoint(), Case.signed("right keys", "CreateBuild", Map.of("Name", "signed over CBOR"),
        CborCalls.TEST_KEYS, Clock.systemUTC()).cbor(), Duration.ofSeconds(10));
    assertThat(created.status()).as(created.describe()).isEqualTo(200);
    assertThat(created.tree().get("Build").get("Name").asText()).isEqualTo("signed over CBOR");
  }

  @Test
  void wrongSecretAndUnknownKey_overCbor_sameRefusalAsOverJson() {
    Clock now = Clock.systemUTC();
    assertSameRefusal(Case.signed("wrong secret", "ListBuilds", Map.of(),
        new S3Wire.Keys(Clients.ACCESS_KEY_ID, "not-the-secret-at-all", null), now), "InvalidSignatureException");
    assertSameRefusal(Case.signed("unknown key", "ListBuilds", Map.of(),
        new S3Wire.Keys("AKIANOBODYKNOWSTHIS", Clients.SECRET_ACCESS_KEY, null), now), "UnrecognizedClientException");
  }

  @Test
  void uploadCredentials_onTheApiOverCbor_sameRefusalAsOverJson() {
    Reply created = CborCalls.call(hangar.endpoint(), "CreateBuild", CborBytes.plain(Map.of("Name", "leased")));
    assertThat(created.status()).as(created.describe()).isEqualTo(200);
    String buildId = created.tree().get("Build").get("BuildId").asText();
    Reply requested = CborCalls.call(hangar.endpoint(), "RequestUploadCredentials", CborBytes.plain(Map.of("BuildId", buildId)));
    assertThat(requested.status()).as(requested.describe()).isEqualTo(200);
    JsonNode credentials = requested.tree().get("UploadCredentials");
    S3Wire.Keys lease = new S3Wire.Keys(credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText(),
        credentials.get("SessionToken").asText());
    assertSameRefusal(Case.signed("upload credentials", "DescribeBuild", Map.of("BuildId", buildId), lease, Clock.systemUTC()),
        "UnrecognizedClientException");
  }

  @Test
  void signedTwentyMinutesOff_overCbor_sameRefusalAsOverJson() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Clock past = Clock.fixed(now.minus(Duration.ofMinutes(20)), ZoneOffset.UTC);
    Outcome expired = assertSameRefusal(Case.signed("20 minutes in the past", "ListBuilds", Map.of(), CborCalls.TEST_KEYS, past),
        "InvalidSignatureException");
    assertThat(expired.message()).startsWith("Signature expired: ");
    Clock future = Clock.fixed(now.plus(Duration.ofMinutes(20)), ZoneOffset.UTC);
    Outcome early = assertSameRefusal(Case.signed("20 minutes in the future", "ListBuilds", Map.of(), CborCalls.TEST_KEYS, future),
        "InvalidSignatureException");
    assertThat(early.message()).startsWith("Signature not yet current: ");
  }

  @Test
  void otherAuthRefusals_overCbor_sameRefusalAsOverJson() {
    Clock now = Clock.systemUTC();
    assertSameRefusal(Case.unsigned("no Authorization", "ListBuilds", Map.of()), "MissingAuthenticationTokenException");
    assertSameRefusal(Case.unsigned("no SignedHeaders", "ListBuilds", Map.of("Authorization",
        "AWS4-HMAC-SHA256 Credential=" + Clients.ACCESS_KEY_ID)), "IncompleteSignatureException");
    assertSameRefusal(Case.unsigned("Signature Version 2", "ListBuilds", Map.of("Authorization",
        "AWS " + Clients.ACCESS_KEY_ID + ":c2lnbmF0dXJl")), "IncompleteSignatureException");
    assertSameRefusal(Case.signed("another region", "ListBuilds", Map.of(), CborCalls.TEST_KEYS, now, "eu-west-1", "gamelift"),
        "InvalidSignatureException");
    assertSameRefusal(Case.signed("another service", "ListBuilds", Map.of(), CborCalls.TEST_KEYS, now, CborCalls.REGION, "s3"),
        "InvalidSignatureException");
  }

  /**
   * Sends the case over JSON, then over CBOR; both must be refused with {@code code}, the same status and the same
   * message (the node's own clock in a skew message aside: it may have ticked between the two).
   */
  private static Outcome assertSameRefusal(Case refused, String code) {
    HttpResponse<byte[]> jsonReply = RawSigner.send(hangar.endpoint(), refused.json(), Duration.ofSeconds(10));
    Reply cborReply = CborCalls.send(hangar.endpoint(), refused.cbor(), Duration.ofSeconds(10));
    Outcome json = jsonOutcome(jsonReply);
    assertThat(json.code()).as("%s over JSON", refused.name()).isEqualTo(code);
    assertThat(jsonReply.headers().firstValue("x-amzn-ErrorType")).contains(code);

    assertThat(cborReply.status()).as("%s over CBOR: %s", refused.name(), cborReply.describe()).isEqualTo(json.status());
    assertCborHeaders(cborReply);
    assertThat(cborReply.headers().firstValue("x-amzn-ErrorType")).as("%s: not part of the CBOR protocol", refused.name()).isEmpty();
    assertThat(cborReply.body()[0] & 0xE0).as("%s: a CBOR map", refused.name()).isEqualTo(CborBytes.MAP << 5);
    assertThat(cborReply.type()).as(refused.name()).isEqualTo(FRONT_END + code);
    assertThat(withoutNodeTime(cborReply.message())).as(refused.name()).isEqualTo(withoutNodeTime(json.message()));
    return new Outcome(cborReply.status(), cborReply.code(), cborReply.message());
  }

  private static Outcome jsonOutcome(HttpResponse<byte[]> reply) {
    assertThat(reply.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
    try {
      JsonNode body = JSON.readTree(reply.body());
      return new Outcome(reply.statusCode(), body.get("__type").asText(), body.get("message").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertCborHeaders(Reply reply) {
    assertThat(reply.header(CborCalls.PROTOCOL_HEADER)).contains(CborCalls.PROTOCOL);
    assertThat(reply.header("Content-Type")).contains(CborCalls.CONTENT_TYPE);
    assertThat(reply.header("x-amzn-RequestId")).isPresent();
    assertThat(reply.header("Date")).isPresent();
  }

  /** The message with every timestamp but the first (the request's own X-Amz-Date) replaced: those are the node's clock. */
  private static String withoutNodeTime(String message) {
    Matcher matcher = AMZ_DATE.matcher(message);
    StringBuilder out = new StringBuilder();
    boolean first = true;
    while (matcher.find()) {
      matcher.appendReplacement(out, first ? matcher.group() : "<node time>");
      first = false;
    }
    return matcher.appendTail(out).toString();
  }
}
