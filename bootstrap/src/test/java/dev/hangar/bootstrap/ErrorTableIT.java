package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.RewriteInterceptor;
import dev.hangar.bootstrap.testing.TestHangar;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.gamelift.model.TaggingFailedException;
import software.amazon.awssdk.services.gamelift.model.Tag;

/**
 * One table of failing calls, one per error Hangar raises, run through the Java SDK and through boto3
 * (client-side validation off): each sees the typed exception (or generic code), status, message and
 * request id.
 */
class ErrorTableIT {
  private static final ObjectMapper JSON = new ObjectMapper();
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
      hangar.catalog().update(new AccountId("123456789012"), new BuildId(readyBuildId), build -> build.markReady(1024));
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
    Map<String, JsonNode> seen = new LinkedHashMap<>();
    for (boolean fault : new boolean[] {false, true}) {
      List<Map<String, Object>> cases = new ArrayList<>();
      for (ErrorCase errorCase : table) {
        if (errorCase.fault() != fault) {
          continue;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", errorCase.name());
        json.put("operation", errorCase.botoMethod());
        json.put("operationName", errorCase.operation());
        json.put("params", errorCase.params());
        if (errorCase.body() != null) {
          json.put("body", errorCase.body());
        }
        if (errorCase.target() != null) {
          json.put("target", errorCase.target());
        }
        cases.add(json);
      }
      hangar.faults().fail(fault);
      try {
        ExternalTools.Result result = ExternalTools.run(List.of("python3", ExternalTools.PYTHON_DIR.resolve("gamelift_calls.py").toString(),
            hangar.endpoint().toString()), JSON.writeValueAsString(cases), Map.of(), 120);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JSON.readTree(result.stdout()).forEach(node -> seen.put(node.get("name").asText(), node));
      } finally {
        hangar.faults().fail(false);
      }
    }
    for (ErrorCase errorCase : table) {
      JsonNode outcome = seen.get(errorCase.name());
      assertThat(outcome).as(errorCase.name()).isNotNull();
      assertThat(outcome.get("ok").asBoolean()).as(errorCase.name()).isFalse();
      boolean modeled = errorCase.javaType() != GameLiftException.class;
      assertThat(outcome.get("exception").asText()).as(errorCase.name()).isEqualTo(modeled ? errorCase.code() : "ClientError");
      assertThat(outcome.get("code").asText()).as(errorCase.name()).isEqualTo(errorCase.code());
      assertThat(outcome.get("status").asInt()).as(errorCase.name()).isEqualTo(errorCase.status());
      assertThat(outcome.get("message").asText()).as(errorCase.name()).isEqualTo(errorCase.message());
      assertThat(outcome.get("requestId").asText()).as(errorCase.name())
          .matches("[0-9a-f-]{36}").isEqualTo(outcome.get("headerRequestId").asText());
    }
  }
}
