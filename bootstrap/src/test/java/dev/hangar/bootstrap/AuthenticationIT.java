package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.RawSigner;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.TestHangar;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.CreateBuildResponse;
import software.amazon.awssdk.services.gamelift.model.GameLiftException;

/** SigV4 on the API: real clients with the right keys, and the refusals AWS gives a JSON service otherwise. */
class AuthenticationIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
      + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
  private static final String UNRECOGNIZED = "The security token included in the request is invalid.";
  private static TestHangar hangar;

  @TempDir
  Path home;

  @BeforeAll
  static void start() {
    hangar = TestHangar.start(Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    hangar.close();
  }

  private static GameLiftClient client(String accessKeyId, String secret) {
    return GameLiftClient.builder().endpointOverride(hangar.endpoint()).region(Region.US_WEST_2)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  private static void assertRefused(HttpResponse<String> response, String type, String message) {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(type);
    assertThat(response.headers().firstValue("Date")).isPresent();
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(response.body()).contains("\"__type\":\"" + type + "\"").contains(message);
  }

  @Test
  void javaSdk_rightKeysSucceed_wrongSecretAndUnknownKeyRefused() {
    try (GameLiftClient good = client(Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY)) {
      assertThat(good.createBuild(b -> b.name("signed")).build().buildId()).startsWith("build-");
    }
    try (GameLiftClient wrongSecret = client(Clients.ACCESS_KEY_ID, "not-the-secret-at-all")) {
      assertThatThrownBy(() -> wrongSecret.listBuilds(b -> { })).isInstanceOfSatisfying(GameLiftException.class, e -> {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(MISMATCH);
        assertThat(e.statusCode()).isEqualTo(400);
      });
    }
    try (GameLiftClient unknown = client("AKIANOBODYKNOWSTHIS", "whatever-secret-value")) {
      assertThatThrownBy(() -> unknown.listBuilds(b -> { })).isInstanceOfSatisfying(GameLiftException.class, e -> {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(UNRECOGNIZED);
      });
    }
  }

  @Test
  void uploadCredentials_onTheApi_refused() {
    CreateBuildResponse created;
    try (GameLiftClient good = client(Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY)) {
      created = good.createBuild(b -> b.name("leased"));
    }
    AwsSessionCredentials lease = AwsSessionCredentials.create(created.uploadCredentials().accessKeyId(),
        created.uploadCredentials().secretAccessKey(), created.uploadCredentials().sessionToken());
    try (GameLiftClient withLease = GameLiftClient.builder().endpointOverride(hangar.endpoint()).region(Region.US_WEST_2)
        .credentialsProvider(StaticCredentialsProvider.create(lease)).httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build()) {
      assertThatThrownBy(() -> withLease.describeBuild(b -> b.buildId(created.build().buildId())))
          .isInstanceOfSatisfying(GameLiftException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(e.statusCode()).isEqualTo(400);
          });
    }
  }

  @Test
  void rawRequests_eachRefusalHasItsAwsCode() {
    Clock now = Clock.systemUTC();
    String key = Clients.ACCESS_KEY_ID;
    String secret = Clients.SECRET_ACCESS_KEY;
    assertRefused(RawSigner.send(hangar.endpoint(), Map.of("X-Amz-Target", List.of("GameLift.ListBuilds"),
        "Content-Type", List.of("application/x-amz-json-1.1")), "{}"), "MissingAuthenticationTokenException", "Missing Authentication Token");
    assertRefused(RawSigner.send(hangar.endpoint(), Map.of("X-Amz-Target", List.of("GameLift.ListBuilds"),
        "Content-Type", List.of("application/x-amz-json-1.1"), "Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + key)), "{}"),
        "IncompleteSignatureException", "Authorization header requires 'SignedHeaders' parameter.");
    assertRefused(RawSigner.send(hangar.endpoint(), Map.of("X-Amz-Target", List.of("GameLift.ListBuilds"),
        "Content-Type", List.of("application/x-amz-json-1.1"), "Authorization", List.of("AWS " + key + ":c2lnbmF0dXJl")), "{}"),
        "IncompleteSignatureException", "Signature Version 2 is not supported");
    assertRefused(RawSigner.call(hangar.endpoint(), "ListBuilds", "{}", key, secret, now, "eu-west-1", "gamelift"),
        "InvalidSignatureException", "Credential should be scoped to a valid region, not 'eu-west-1'; this endpoint expects 'us-west-2'.");
    assertRefused(RawSigner.call(hangar.endpoint(), "ListBuilds", "{}", key, secret, now, "us-west-2", "s3"),
        "InvalidSignatureException", "Credential should be scoped to correct service: 'gamelift', not 's3'.");
    assertRefused(RawSigner.call(hangar.endpoint(), "ListBuilds", "{}", key, "wrong-secret-123", now, "us-west-2", "gamelift"),
        "InvalidSignatureException", MISMATCH);
    assertRefused(RawSigner.call(hangar.endpoint(), "ListBuilds", "{}", "AKIAUNKNOWNKEY000", secret, now, "us-west-2", "gamelift"),
        "UnrecognizedClientException", UNRECOGNIZED);
    HttpResponse<String> ok = RawSigner.call(hangar.endpoint(), "ListBuilds", "{}", key, secret, now, "us-west-2", "gamelift");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
  }

  @Test
  void rawRequest_signedTwentyMinutesAgo_signatureExpired() {
    Clock past = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
    HttpResponse<String> response = RawSigner.call(hangar.endpoint(), "ListBuilds", "{}", Clients.ACCESS_KEY_ID,
        Clients.SECRET_ACCESS_KEY, past, "us-west-2", "gamelift");
    assertRefused(response, "InvalidSignatureException", "Signature expired: ");
    assertThat(response.body()).contains("is now earlier than").contains("- 15 min.)");
    Clock future = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20));
    assertRefused(RawSigner.call(hangar.endpoint(), "ListBuilds", "{}", Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY,
        future, "us-west-2", "gamelift"), "InvalidSignatureException", "Signature not yet current: ");
  }

  @Test
  void boto3AndAwsCli_rightKeysSucceed_wrongSecretAndUnknownKeyRefused() throws Exception {
    ExternalTools.requirePythonClients();
    String cases = JSON.writeValueAsString(List.of(
        Map.of("name", "right keys", "operation", "list_builds", "operationName", "ListBuilds", "params", Map.of()),
        Map.of("name", "wrong secret", "operation", "list_builds", "operationName", "ListBuilds", "params", Map.of(),
            "secretAccessKey", "not-the-secret-at-all"),
        Map.of("name", "unknown key", "operation", "list_builds", "operationName", "ListBuilds", "params", Map.of(),
            "accessKeyId", "AKIANOBODYKNOWSTHIS")));
    ExternalTools.Result result = ExternalTools.run(List.of("python3", ExternalTools.PYTHON_DIR.resolve("gamelift_calls.py").toString(),
        hangar.endpoint().toString()), cases, Map.of(), 120);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    JsonNode outcomes = JSON.readTree(result.stdout());
    assertThat(outcomes.get(0).get("ok").asBoolean()).isTrue();
    assertThat(outcomes.get(1).get("code").asText()).isEqualTo("InvalidSignatureException");
    assertThat(outcomes.get(1).get("message").asText()).isEqualTo(MISMATCH);
    assertThat(outcomes.get(1).get("status").asInt()).isEqualTo(400);
    assertThat(outcomes.get(2).get("code").asText()).isEqualTo("UnrecognizedClientException");
    assertThat(outcomes.get(2).get("message").asText()).isEqualTo(UNRECOGNIZED);

    Map<String, String> env = Map.of("HOME", home.toString(), "AWS_CONFIG_FILE", home.resolve("none").toString(),
        "AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString(), "AWS_DEFAULT_REGION", "us-west-2");
    List<String> listBuilds = List.of("aws", "gamelift", "list-builds", "--endpoint-url", hangar.endpoint().toString());
    ExternalTools.Result right = ExternalTools.run(listBuilds, null, merge(env, Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY), 60);
    assertThat(right.exitCode()).as(right.stderr()).isZero();
    ExternalTools.Result wrong = ExternalTools.run(listBuilds, null, merge(env, Clients.ACCESS_KEY_ID, "not-the-secret-at-all"), 60);
    assertThat(wrong.exitCode()).isEqualTo(255);
    assertThat(wrong.stderr()).contains("An error occurred (InvalidSignatureException) when calling the ListBuilds operation: " + MISMATCH);
    ExternalTools.Result unknown = ExternalTools.run(listBuilds, null, merge(env, "AKIANOBODYKNOWSTHIS", "whatever-secret"), 60);
    assertThat(unknown.exitCode()).isEqualTo(255);
    assertThat(unknown.stderr()).contains("An error occurred (UnrecognizedClientException) when calling the ListBuilds operation: " + UNRECOGNIZED);
  }

  private static Map<String, String> merge(Map<String, String> env, String accessKeyId, String secret) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("AWS_ACCESS_KEY_ID", accessKeyId);
    all.put("AWS_SECRET_ACCESS_KEY", secret);
    return all;
  }
}
