package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.hangar.bootstrap.testing.CborCalls;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.RecordingProxy;
import dev.hangar.bootstrap.testing.RewriteInterceptor;
import dev.hangar.bootstrap.testing.TestHangar;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildArchive;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.storage.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.GameLiftException;
import software.amazon.awssdk.services.gamelift.model.InternalServiceException;
import software.amazon.awssdk.services.gamelift.model.InvalidRequestException;
import software.amazon.awssdk.services.gamelift.model.S3Location;
import software.amazon.awssdk.services.gamelift.model.Tag;
import software.amazon.awssdk.services.gamelift.model.TaggingFailedException;

/**
 * One table of failing calls, one per error Hangar raises, run through the Java SDK and through boto3
 * (client-side validation off): each sees the typed exception (or generic code), status, message and
 * request id. The same table runs over Smithy RPC v2 CBOR too: through boto3 forced to CBOR, and raw for the
 * two protocol errors.
 */
class ErrorTableIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CBORMapper CBOR = new CBORMapper();
  /** The "malformed JSON" row over CBOR: a map of one member, {@code Name}, whose value never comes. */
  private static final byte[] MALFORMED_CBOR = {(byte) 0xA1, 0x64, 'N', 'a', 'm', 'e'};
  private static final String MALFORMED_CBOR_MESSAGE = "The request body is not valid CBOR: the body ends before an item (at byte 6)";
  private static final String ID_PATTERN = "^build-\\S+|^arn:.*:build\\/build-\\S+";

  private static TestHangar hangar;
  private static String readyBuildId;
  private static String fullBuildArn;
  private static String tamperedToken;

  record ErrorCase(String name, String operation, Map<String, Object> params, String body, String target,
      Consumer<GameLiftClient> javaCall, Class<? extends AwsServiceException> javaType, String code, int status,
      String message, boolean fault) {
    String botoMethod() {
      return operation.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
  }

  @BeforeAll
  static void start() {
    hangar = TestHangar.start(Clock.systemUTC());
    try (GameLiftClient gameLift = Clients.gameLift(hangar.endpoint())) {
      readyBuildId = gameLift.createBuild(b -> b.name("ready")).build().buildId();
      hangar.catalog().update(new AccountId("123456789012"), new BuildId(readyBuildId), build -> build.acceptFiles(new StoredObject(1024, "\"etag\"", "v-1", Instant.parse("2030-01-01T00:00:00Z")), BuildArchive.Verdict.USABLE));
      fullBuildArn = gameLift.createBuild(b -> b.name("full").tags(IntStream.range(0, 50)
          .mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList())).build().buildArn();
      String token = gameLift.listBuilds(b -> b.limit(1)).nextToken();
      char last = token.charAt(token.length() - 2);
      tamperedToken = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    }
  }

  @AfterAll
  static void stop() {
    hangar.close();
  }

  static List<ErrorCase> table() {
    String longName = "n".repeat(1025);
    String unknownTargetMessage = "Unknown operation 'GameLift.NoSuchOperation'; this endpoint serves GameLift.CreateBuild, "
        + "GameLift.DeleteBuild, GameLift.DescribeBuild, GameLift.ListBuilds, GameLift.ListTagsForResource, "
        + "GameLift.RequestUploadCredentials, GameLift.TagResource, GameLift.UntagResource, GameLift.UpdateBuild";
    List<ErrorCase> table = new ArrayList<>();
    table.add(new ErrorCase("bad BuildId pattern", "DescribeBuild", Map.of("BuildId", "bad id"), null, null,
        c -> c.describeBuild(b -> b.buildId("bad id")), InvalidRequestException.class, "InvalidRequestException", 400,
        "1 validation error detected: Value 'bad id' at 'BuildId' failed to satisfy constraint: Member must satisfy regular expression pattern: " + ID_PATTERN, false));
    table.add(new ErrorCase("too-long Name", "CreateBuild", Map.of("Name", longName), null, null,
        c -> c.createBuild(b -> b.name(longName)), InvalidRequestException.class, "InvalidRequestException", 400,
        "1 validation error detected: Value (1025 characters) at 'Name' failed to satisfy constraint: Member must have length between 1 and 1024", false));
    table.add(new ErrorCase("bad ServerSdkVersion", "CreateBuild", Map.of("ServerSdkVersion", "abc"), null, null,
        c -> c.createBuild(b -> b.serverSdkVersion("abc")), InvalidRequestException.class, "InvalidRequestException", 400,
        "1 validation error detected: Value 'abc' at 'ServerSdkVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\d+\\.\\d+\\.\\d+$", false));
    table.add(new ErrorCase("unknown OperatingSystem", "CreateBuild", Map.of("OperatingSystem", "NOPE"), null, null,
        c -> c.createBuild(b -> b.operatingSystem("NOPE")), InvalidRequestException.class, "InvalidRequestException", 400,
        "1 validation error detected: Value 'NOPE' at 'OperatingSystem' failed to satisfy constraint: Member must satisfy enum value set: "
            + "[WINDOWS_2012, AMAZON_LINUX, AMAZON_LINUX_2, WINDOWS_2016, AMAZON_LINUX_2023, WINDOWS_2022]", false));
    table.add(new ErrorCase("missing required BuildId", "DescribeBuild", Map.of(), null, null,
        c -> c.describeBuild(b -> { }), InvalidRequestException.class, "InvalidRequestException", 400,
        "1 validation error detected: Value null at 'BuildId' failed to satisfy constraint: Member must not be null", false));
    table.add(new ErrorCase("dotted bucket", "CreateBuild",
        Map.of("StorageLocation", Map.of("Bucket", "my.builds", "Key", "game.zip", "RoleArn", "arn:aws:iam::123456789012:role/read")), null, null,
        c -> c.createBuild(b -> b.storageLocation(S3Location.builder().bucket("my.builds").key("game.zip")
            .roleArn("arn:aws:iam::123456789012:role/read").build())), InvalidRequestException.class, "InvalidRequestException", 400,
        "1 validation error detected: Value 'my.builds' at 'Bucket' failed to satisfy constraint: Bucket names containing a dot (.) are not supported", false));
    table.add(new ErrorCase("51st tag", "TagResource",
        Map.of("ResourceARN", fullBuildArn, "Tags", List.of(Map.of("Key", "one-more", "Value", "v"))), null, null,
        c -> c.tagResource(b -> b.resourceARN(fullBuildArn).tags(Tag.builder().key("one-more").value("v").build())),
        TaggingFailedException.class, "TaggingFailedException", 400,
        "A resource can have at most 50 tags; this request would leave 51", false));
    table.add(new ErrorCase("tampered NextToken", "ListBuilds", Map.of("Limit", 1, "NextToken", tamperedToken), null, null,
        c -> c.listBuilds(b -> b.limit(1).nextToken(tamperedToken)), InvalidRequestException.class, "InvalidRequestException", 400,
        "Invalid NextToken: the token was not issued by this service, or was altered", false));
    table.add(new ErrorCase("RequestUploadCredentials on a READY build", "RequestUploadCredentials", Map.of("BuildId", readyBuildId), null, null,
        c -> c.requestUploadCredentials(b -> b.buildId(readyBuildId)), InvalidRequestException.class, "InvalidRequestException", 400,
        "Build " + readyBuildId + " is READY; upload credentials are issued only for INITIALIZED builds", false));
    table.add(new ErrorCase("malformed JSON", "CreateBuild", Map.of("Name", "x"), "{\"Name\": ", null,
        c -> c.createBuild(b -> b.name("x")), GameLiftException.class, "SerializationException", 400,
        "The request body is not valid JSON", false));
    table.add(new ErrorCase("unknown target", "ListBuilds", Map.of(), null, "GameLift.NoSuchOperation",
        c -> c.listBuilds(b -> { }), GameLiftException.class, "UnknownOperationException", 400, unknownTargetMessage, false));
    table.add(new ErrorCase("failing catalog", "ListBuilds", Map.of(), null, null,
        c -> c.listBuilds(b -> { }), InternalServiceException.class, "InternalServiceException", 500,
        "The service encountered an internal error. Try again.", true));
    return table;
  }

  @Test
  void everyError_javaSdk_typedExceptionStatusMessageRequestId() {
    for (ErrorCase errorCase : table()) {
      hangar.faults().fail(errorCase.fault());
      try (GameLiftClient client = Clients.gameLiftNoRetry(hangar.endpoint(), new RewriteInterceptor(errorCase.body(), errorCase.target()))) {
        assertThatThrownBy(() -> errorCase.javaCall().accept(client)).as(errorCase.name())
            .isExactlyInstanceOf(errorCase.javaType())
            .isInstanceOfSatisfying(AwsServiceException.class, e -> {
              assertThat(e.awsErrorDetails().errorCode()).as(errorCase.name()).isEqualTo(errorCase.code());
              assertThat(e.statusCode()).as(errorCase.name()).isEqualTo(errorCase.status());
              assertThat(e.awsErrorDetails().errorMessage()).as(errorCase.name()).isEqualTo(errorCase.message());
              assertThat(e.requestId()).as(errorCase.name()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            });
      } finally {
        hangar.faults().fail(false);
      }
    }
  }

  @Test
  void everyError_boto3_codeStatusMessageRequestId() throws Exception {
    ExternalTools.requirePythonClients();
    List<ErrorCase> table = table();
    Map<String, JsonNode> seen = runBoto3(table, false, null).seen();
    for (ErrorCase errorCase : table) {
      assertBoto3Saw(seen.get(errorCase.name()), errorCase, errorCase.message(), "json");
    }
  }

  /**
   * Acceptance 2 of the CBOR issue: each row boto3 can send over Smithy RPC v2 CBOR gives the same exception,
   * code, status, message and request id as over JSON; on the wire (a {@link RecordingProxy}) each reply is a CBOR
   * error whose {@code __type} is the absolute shape id, which botocore does not check.
   */
  @Test
  void everyError_boto3ForcedToCbor_sameCodeStatusMessageRequestIdAsOverJson() throws Exception {
    ExternalTools.requirePythonClients();
    List<ErrorCase> table = table().stream().filter(errorCase -> !protocolError(errorCase)).toList();
    assertThat(table).hasSize(table().size() - 2);
    Boto3Run run;
    try (RecordingProxy proxy = RecordingProxy.start(hangar.endpoint())) {
      run = runBoto3(table, true, proxy);
      assertThat(proxy.problems()).isEmpty();
    }
    for (ErrorCase errorCase : table) {
      JsonNode outcome = run.seen().get(errorCase.name());
      assertBoto3Saw(outcome, errorCase, errorCase.message(), "smithy-rpc-v2-cbor");
      RecordingProxy.Exchange exchange = run.wire().get(errorCase.name());
      assertThat(exchange.target()).as(errorCase.name()).isEqualTo("/service/GameLift/operation/" + errorCase.operation());
      assertThat(exchange.request().header("X-Amz-Target")).as(errorCase.name()).isEmpty();
      assertCborError(errorCase, errorCase.message(), exchange.status(), exchange.response()::header, exchange.response().body());
      assertThat(exchange.response().header("x-amzn-RequestId")).as(errorCase.name()).contains(outcome.get("requestId").asText());
    }
  }

  /** The rows boto3 cannot send over CBOR (a malformed body, an unknown operation), sent raw and signed; CBOR errors back. */
  @Test
  void protocolErrors_rawCbor_sameCodeAndStatusInACborError() {
    List<ErrorCase> rows = table().stream().filter(ErrorTableIT::protocolError).toList();
    assertThat(rows).extracting(ErrorCase::code).containsExactly("SerializationException", "UnknownOperationException");
    for (ErrorCase errorCase : rows) {
      CborCalls.Reply reply = CborCalls.call(hangar.endpoint(), cborOperation(errorCase), cborBody(errorCase));
      assertCborError(errorCase, cborMessage(errorCase), reply.status(), reply::header, reply.body());
    }
  }

  /** The same rows through boto3 forced to CBOR, their body or operation changed before signing: a ClientError with the code. */
  @Test
  void protocolErrors_boto3ForcedToCbor_clientErrorWithTheCode() throws Exception {
    ExternalTools.requirePythonClients();
    List<ErrorCase> rows = table().stream().filter(ErrorTableIT::protocolError).toList();
    Map<String, JsonNode> seen = runBoto3(rows, true, null).seen();
    for (ErrorCase errorCase : rows) {
      assertBoto3Saw(seen.get(errorCase.name()), errorCase, cborMessage(errorCase), "smithy-rpc-v2-cbor");
    }
  }

  /** A row whose error is the protocol's own (the body or the operation name), not the operations'. */
  private static boolean protocolError(ErrorCase errorCase) {
    return errorCase.body() != null || errorCase.target() != null;
  }

  private static String cborOperation(ErrorCase errorCase) {
    return errorCase.target() != null ? errorCase.target().substring("GameLift.".length()) : errorCase.operation();
  }

  private static byte[] cborBody(ErrorCase errorCase) {
    if (errorCase.body() != null) {
      return MALFORMED_CBOR.clone();
    }
    try {
      return CBOR.writeValueAsBytes(errorCase.params());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CBOR path's own wording for the two protocol errors: the CBOR decoder's, and operations named without the target prefix. */
  private static String cborMessage(ErrorCase errorCase) {
    if (errorCase.body() != null) {
      return MALFORMED_CBOR_MESSAGE;
    }
    if (errorCase.target() != null) {
      return errorCase.message().replace("GameLift.", "");
    }
    return errorCase.message();
  }

  /** What boto3 saw for each row, and (through a proxy) each row's exchange on the wire. */
  private record Boto3Run(Map<String, JsonNode> seen, Map<String, RecordingProxy.Exchange> wire) {
  }

  /**
   * Runs the rows through gamelift_calls.py, with --cbor or not, straight to the node or through {@code proxy} (null
   * for none); faults are on for the fault rows only.
   */
  private static Boto3Run runBoto3(List<ErrorCase> table, boolean cbor, RecordingProxy proxy) throws Exception {
    Map<String, JsonNode> seen = new LinkedHashMap<>();
    Map<String, RecordingProxy.Exchange> wire = new LinkedHashMap<>();
    for (boolean fault : new boolean[] {false, true}) {
      List<Map<String, Object>> cases = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (ErrorCase errorCase : table) {
        if (errorCase.fault() != fault) {
          continue;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", errorCase.name());
        json.put("operation", errorCase.botoMethod());
        json.put("operationName", errorCase.operation());
        json.put("params", errorCase.params());
        if (errorCase.body() != null && cbor) {
          json.put("bodyHex", HexFormat.of().formatHex(MALFORMED_CBOR));
        } else if (errorCase.body() != null) {
          json.put("body", errorCase.body());
        }
        if (errorCase.target() != null) {
          json.put("target", errorCase.target());
        }
        cases.add(json);
        names.add(errorCase.name());
      }
      if (cases.isEmpty()) {
        continue;
      }
      List<String> command = new ArrayList<>(List.of("python3", ExternalTools.PYTHON_DIR.resolve("gamelift_calls.py").toString()));
      if (cbor) {
        command.add("--cbor");
      }
      command.add((proxy != null ? proxy.endpoint() : hangar.endpoint()).toString());
      hangar.faults().fail(fault);
      try {
        ExternalTools.Result result = ExternalTools.run(command, JSON.writeValueAsString(cases), Map.of(), 50);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JSON.readTree(result.stdout()).forEach(node -> seen.put(node.get("name").asText(), node));
      } finally {
        hangar.faults().fail(false);
      }
      if (proxy != null) {
        List<RecordingProxy.Exchange> exchanges = proxy.exchanges();
        assertThat(exchanges).as("one exchange per row").hasSize(names.size());
        for (int i = 0; i < names.size(); i++) {
          wire.put(names.get(i), exchanges.get(i));
        }
        proxy.clear();
      }
    }
    return new Boto3Run(seen, wire);
  }

  private static void assertBoto3Saw(JsonNode outcome, ErrorCase errorCase, String message, String protocol) {
    assertThat(outcome).as(errorCase.name()).isNotNull();
    assertThat(outcome.get("protocol").asText()).as(errorCase.name()).isEqualTo(protocol);
    assertThat(outcome.get("ok").asBoolean()).as(errorCase.name()).isFalse();
    boolean modeled = errorCase.javaType() != GameLiftException.class;
    assertThat(outcome.get("exception").asText()).as(errorCase.name()).isEqualTo(modeled ? errorCase.code() : "ClientError");
    assertThat(outcome.get("code").asText()).as(errorCase.name()).isEqualTo(errorCase.code());
    assertThat(outcome.get("status").asInt()).as(errorCase.name()).isEqualTo(errorCase.status());
    assertThat(outcome.get("message").asText()).as(errorCase.name()).isEqualTo(message);
    assertThat(outcome.get("requestId").asText()).as(errorCase.name())
        .matches("[0-9a-f-]{36}").isEqualTo(outcome.get("headerRequestId").asText());
  }

  /**
   * A CBOR error reply as Smithy RPC v2 CBOR defines it: the row's status, {@code smithy-protocol}, CBOR content,
   * a request id and a Date, no {@code x-amzn-ErrorType}, and {@code __type} the absolute shape id: GameLift's
   * namespace for the model's errors (those the Java SDK has a class for), the AWS front end's for the others.
   */
  private static void assertCborError(ErrorCase errorCase, String message, int status,
      java.util.function.Function<String, Optional<String>> header, byte[] body) {
    String name = errorCase.name();
    assertThat(status).as(name).isEqualTo(errorCase.status());
    assertThat(header.apply("smithy-protocol")).as(name).contains("rpc-v2-cbor");
    assertThat(header.apply("Content-Type")).as(name).contains("application/cbor");
    assertThat(header.apply("x-amzn-RequestId")).as(name).get().asString().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(header.apply("Date")).as(name).isPresent();
    assertThat(header.apply("x-amzn-ErrorType")).as(name).isEmpty();
    JsonNode error = CborCalls.decode(body);
    boolean modeled = errorCase.javaType() != GameLiftException.class;
    assertThat(error.get("__type").asText()).as(name)
        .isEqualTo((modeled ? "com.amazonaws.gamelift#" : "com.amazon.coral.service#") + errorCase.code());
    assertThat(error.get("message").asText()).as(name).isEqualTo(message);
  }
}
