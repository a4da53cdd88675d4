package dev.hangar.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.hangar.application.fixture.FakeBuildIds;
import dev.hangar.application.fixture.FakeBuildRepository;
import dev.hangar.application.fixture.FakeBuildStorage;
import dev.hangar.application.fixture.FakeCredentialIssuer;
import dev.hangar.application.fixture.MutableClock;
import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.service.CreateBuildService;
import dev.hangar.application.service.DeleteBuildService;
import dev.hangar.application.service.DescribeBuildService;
import dev.hangar.application.service.ListBuildsService;
import dev.hangar.domain.build.BuildPolicy;
import dev.hangar.domain.build.OperatingSystem;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Smithy RPC v2 CBOR side of the GameLift handler on Undertow at port 0 with fake ports: its routing, the
 * refusals it decides from the request line and headers, and the exact shape of its replies and errors.
 */
class RpcV2CborProtocolTest {
  private static final CBORMapper CBOR = new CBORMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String PATH = "/service/GameLift/operation/";
  private static HttpTestServer server;

  @BeforeAll
  static void start() {
    FakeBuildRepository builds = new FakeBuildRepository();
    FakeBuildStorage storage = new FakeBuildStorage();
    BuildPolicy policy = new BuildPolicy(TestBuilds.REGION, OperatingSystem.AMAZON_LINUX_2023);
    CreateBuildService create = new CreateBuildService(builds, storage, new FakeCredentialIssuer(), new FakeBuildIds(), policy,
        dev.hangar.application.port.out.AccountLedger.NOT_KEPT, new MutableClock(TestBuilds.T0.plusMillis(57)));
    server = new HttpTestServer(List.of(new CreateBuildOperation(create),
        new DescribeBuildOperation(new DescribeBuildService(builds, dev.hangar.application.port.in.SyncBuildFilesUseCase.NONE, policy)),
        new DeleteBuildOperation(new DeleteBuildService(builds, storage, policy, dev.hangar.application.port.out.AccountLedger.NOT_KEPT)),
        new ListBuildsOperation(new ListBuildsService(builds, dev.hangar.application.port.in.SyncBuildFilesUseCase.NONE),
            new NextTokens(new byte[32]))), false);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void createBuild_cborRequest_cborReplyWithEpochTimestamp() throws Exception {
    HttpResponse<byte[]> response = send(cbor("CreateBuild", Map.of("Name", "game", "Version", "1.0")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertProtocolHeaders(response);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/cbor");
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).isEmpty();
    JsonNode build = CBOR.readTree(response.body()).get("Build");
    assertThat(build.get("Name").asText()).isEqualTo("game");
    assertThat(build.get("Status").asText()).isEqualTo("INITIALIZED");
    assertThat(build.get("OperatingSystem").asText()).isEqualTo("AMAZON_LINUX_2023");
    try (CBORParser parser = new CBORFactory().createParser(response.body())) {
      boolean seen = false;
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.FIELD_NAME && parser.currentName().equals("CreationTime")) {
          parser.nextToken();
          assertThat(parser.getCurrentTag()).as("tag of CreationTime").isEqualTo(1);
          assertThat(parser.getNumberType()).as("CreationTime's encoding").isEqualTo(com.fasterxml.jackson.core.JsonParser.NumberType.DOUBLE);
          assertThat(parser.getDoubleValue()).isEqualTo(1893456000.057);
          seen = true;
        }
      }
      assertThat(seen).isTrue();
    }
  }

  @Test
  void deleteBuild_noOutput_emptyReplyWithoutContentType() throws Exception {
    String id = CBOR.readTree(send(cbor("CreateBuild", Map.of())).body()).get("Build").get("BuildId").asText();

    HttpResponse<byte[]> response = send(cbor("DeleteBuild", Map.of("BuildId", id)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertProtocolHeaders(response);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("Content-Type")).isEmpty();
  }

  @Test
  void describeBuild_unknownBuild_notFoundWithAbsoluteShapeId() throws Exception {
    HttpResponse<byte[]> response = send(cbor("DescribeBuild", Map.of("BuildId", "build-unknown")));

    assertError(response, "com.amazonaws.gamelift#NotFoundException", "Build build-unknown does not exist.");
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).isEmpty();
  }

  @Test
  void describeBuild_emptyBodyWithoutContentType_readAsNoMembers() throws Exception {
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(server.uri().resolve(PATH + "DescribeBuild"))
        .header("smithy-protocol", "rpc-v2-cbor").POST(HttpRequest.BodyPublishers.noBody()));

    assertError(response, "com.amazonaws.gamelift#InvalidRequestException",
        "1 validation error detected: Value null at 'BuildId' failed to satisfy constraint: Member must not be null");
  }

  @Test
  void describeBuild_serviceShapeIdInPath_served() throws Exception {
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(server.uri().resolve("/service/com.amazonaws.gamelift.GameLift/operation/DescribeBuild"))
        .header("smithy-protocol", "rpc-v2-cbor").header("Content-Type", "application/cbor")
        .POST(HttpRequest.BodyPublishers.ofByteArray(CBOR.writeValueAsBytes(Map.of("BuildId", "build-unknown")))));

    assertError(response, "com.amazonaws.gamelift#NotFoundException", "Build build-unknown does not exist.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown operation|POST|NoSuchOperation|rpc-v2-cbor|application/cbor||UnknownOperationException|Unknown operation 'NoSuchOperation'; this endpoint serves CreateBuild, DeleteBuild, DescribeBuild, ListBuilds",
      "operation in a deeper path|POST|DescribeBuild/x|rpc-v2-cbor|application/cbor||UnknownOperationException|Unknown operation 'DescribeBuild/x'",
      "no operation|POST||rpc-v2-cbor|application/cbor||UnknownOperationException|Unknown operation ''",
      "GET|GET|DescribeBuild|rpc-v2-cbor|||UnknownOperationException|called with POST /service/GameLift/operation/<Operation>",
      "PUT|PUT|DescribeBuild|rpc-v2-cbor|application/cbor||UnknownOperationException|called with POST",
      "no smithy-protocol header|POST|DescribeBuild||application/cbor||UnknownOperationException|The smithy-protocol header must be rpc-v2-cbor",
      "another smithy-protocol|POST|DescribeBuild|rpc-v2-json|application/cbor||UnknownOperationException|The smithy-protocol header must be rpc-v2-cbor",
      "JSON content type|POST|DescribeBuild|rpc-v2-cbor|application/x-amz-json-1.1||SerializationException|Content-Type must be application/cbor",
      "no content type with a body|POST|DescribeBuild|rpc-v2-cbor|||SerializationException|Content-Type must be application/cbor",
      "X-Amz-Target as well|POST|DescribeBuild|rpc-v2-cbor|application/cbor|X-Amz-Target|UnknownOperationException|must not carry X-Amz-Target",
      "X-Amzn-Target as well|POST|DescribeBuild|rpc-v2-cbor|application/cbor|X-Amzn-Target|UnknownOperationException|must not carry X-Amz-Target",
  })
  void cborPath_refusedFraming_cborErrorNeverS3(String name, String method, String operation, String protocol, String contentType,
      String target, String code, String message) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(PATH + (operation == null ? "" : operation)));
    byte[] body = CBOR.writeValueAsBytes(Map.of("BuildId", "build-unknown"));
    request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (protocol != null) {
      request.header("smithy-protocol", protocol);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (target != null) {
      request.header(target, "GameLift.DescribeBuild");
    }

    HttpResponse<byte[]> response = send(request);

    assertError(response, "com.amazon.coral.service#" + code, null);
    assertThat(CBOR.readTree(response.body()).get("message").asText()).as(name).contains(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not CBOR at all|DescribeBuild|7b7d|The request body is not valid CBOR: the body must be a CBOR map of the input's members (at byte 0)",
      "truncated|DescribeBuild|a2 674275696c644964 6178|The request body is not valid CBOR: the body ends inside a map",
      "integer for a string|DescribeBuild|a1 674275696c644964 01|Unexpected CBOR value for member 'BuildId'",
      "byte string for a string|DescribeBuild|a1 674275696c644964 4101|Unexpected CBOR value for member 'BuildId'",
      "float for a string|DescribeBuild|a1 674275696c644964 f94900|Unexpected CBOR value for member 'BuildId'",
      "float for an integer|ListBuilds|a1 654c696d6974 f94900|Unexpected CBOR value for member 'Limit'",
      "text for an integer|ListBuilds|a1 654c696d6974 6131|Unexpected CBOR value for member 'Limit'",
      "integer beyond an int|ListBuilds|a1 654c696d6974 1b0000000100000000|Unexpected CBOR value for member 'Limit'",
      "duplicate member|DescribeBuild|a2 674275696c644964 6178 674275696c644964 6179|The request body is not valid CBOR",
      "text for a list|CreateBuild|a1 6454616773 6178|Unexpected CBOR value for member 'Tags'",
      "map for a string|CreateBuild|a1 644e616d65 a0|Unexpected CBOR value for member 'Name'",
  })
  void cborBody_malformedOrMistyped_serializationException(String name, String operation, String hex, String message) throws Exception {
    byte[] body = java.util.HexFormat.of().parseHex(hex.replace(" ", ""));

    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(server.uri().resolve(PATH + operation))
        .header("smithy-protocol", "rpc-v2-cbor").header("Content-Type", "application/cbor")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

    assertError(response, "com.amazon.coral.service#SerializationException", null);
    assertThat(CBOR.readTree(response.body()).get("message").asText()).as(name).startsWith(message);
  }

  @Test
  void jsonRequest_unchangedBeside_cbor() {
    HttpResponse<String> json = server.call("DescribeBuild", "{\"BuildId\":\"build-unknown\"}");

    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(json.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
    assertThat(json.headers().firstValue("x-amzn-ErrorType")).contains("NotFoundException");
    assertThat(json.headers().firstValue("smithy-protocol")).isEmpty();
    assertThat(json.body()).isEqualTo("{\"__type\":\"NotFoundException\",\"message\":\"Build build-unknown does not exist.\"}");
  }

  private static void assertError(HttpResponse<byte[]> response, String type, String message) throws IOException {
    assertThat(response.statusCode()).isEqualTo(400);
    assertProtocolHeaders(response);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/cbor");
    JsonNode error = CBOR.readTree(response.body());
    assertThat(error.get("__type").asText()).isEqualTo(type);
    if (message != null) {
      assertThat(error.get("message").asText()).isEqualTo(message);
    }
  }

  private static void assertProtocolHeaders(HttpResponse<byte[]> response) {
    assertThat(response.headers().firstValue("smithy-protocol")).contains("rpc-v2-cbor");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
    assertThat(response.headers().firstValue("Date")).isPresent();
  }

  private static HttpRequest.Builder cbor(String operation, Object input) throws IOException {
    return HttpRequest.newBuilder(server.uri().resolve(PATH + operation))
        .header("smithy-protocol", "rpc-v2-cbor").header("Content-Type", "application/cbor").header("Accept", "application/cbor")
        .POST(HttpRequest.BodyPublishers.ofByteArray(CBOR.writeValueAsBytes(input)));
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
