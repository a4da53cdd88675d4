package dev.hangar.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.FakeBuildIds;
import dev.hangar.application.fixture.FakeBuildRepository;
import dev.hangar.application.fixture.FakeBuildStorage;
import dev.hangar.application.fixture.FakeCredentialIssuer;
import dev.hangar.application.fixture.MutableClock;
import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.port.in.BuildNotFoundException;
import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.application.service.CreateBuildService;
import dev.hangar.domain.build.BuildPolicy;
import dev.hangar.domain.build.BuildReference;
import dev.hangar.domain.build.OperatingSystem;
import dev.hangar.domain.failure.StateConflictException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of failure leaves the root handler as the AWS JSON error a client expects, never as a stack trace. */
class ErrorMappingTest {
  private static HttpTestServer server;

  @BeforeAll
  static void start() {
    FakeBuildRepository builds = new FakeBuildRepository();
    CreateBuildService create = new CreateBuildService(builds, new FakeBuildStorage(), new FakeCredentialIssuer(),
        new FakeBuildIds(), new BuildPolicy(TestBuilds.REGION, OperatingSystem.AMAZON_LINUX_2023), dev.hangar.application.port.out.AccountLedger.NOT_KEPT, new MutableClock(TestBuilds.T0));
    server = new HttpTestServer(List.of(
        new CreateBuildOperation(create),
        new DescribeBuildOperation(query -> {
          throw switch (query.build().describe()) {
            case "build-dependency" -> new DependencyFailureException("catalog down: secret=hunter2");
            case "build-bug" -> new NullPointerException("bug with secret=hunter2");
            case "build-conflict" -> new StateConflictException("not now");
            default -> new BuildNotFoundException(query.build());
          };
        }),
        new RequestUploadCredentialsOperation(query -> {
          throw new StateConflictException("Build is READY");
        }),
        new UpdateBuildOperation(command -> {
          throw new StateConflictException("never");
        })), false);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("DescribeBuild", "{\"BuildId\":\"bad id\"}", 400, "InvalidRequestException", "1 validation error detected: Value 'bad id' at 'BuildId'"),
        Arguments.of("DescribeBuild", "{}", 400, "InvalidRequestException", "Value null at 'BuildId' failed to satisfy constraint: Member must not be null"),
        Arguments.of("DescribeBuild", "", 400, "InvalidRequestException", "Member must not be null"),
        Arguments.of("DescribeBuild", "{\"BuildId\":\"build-unknown\"}", 400, "NotFoundException", "Build build-unknown does not exist."),
        Arguments.of("DescribeBuild", "{\"BuildId\":\"build-dependency\"}", 500, "InternalServiceException", GameLiftError.INTERNAL_MESSAGE),
        Arguments.of("DescribeBuild", "{\"BuildId\":\"build-bug\"}", 500, "InternalServiceException", GameLiftError.INTERNAL_MESSAGE),
        Arguments.of("DescribeBuild", "{\"BuildId\":\"build-conflict\"}", 400, "InvalidRequestException", "not now"),
        Arguments.of("RequestUploadCredentials", "{\"BuildId\":\"build-1\"}", 400, "InvalidRequestException", "Build is READY"),
        Arguments.of("CreateBuild", "{\"Name\":\"" + "n".repeat(1025) + "\"}", 400, "InvalidRequestException", "at 'Name' failed to satisfy constraint: Member must have length between 1 and 1024"),
        Arguments.of("CreateBuild", "{\"OperatingSystem\":\"NOPE\"}", 400, "InvalidRequestException", "Member must satisfy enum value set"),
        Arguments.of("CreateBuild", "{\"ServerSdkVersion\":\"abc\"}", 400, "InvalidRequestException", "at 'ServerSdkVersion'"),
        Arguments.of("CreateBuild", "{\"StorageLocation\":{\"Bucket\":\"my.bucket\",\"Key\":\"k\",\"RoleArn\":\"arn:aws:iam::123456789012:role/r\"}}", 400, "InvalidRequestException", "dot"),
        Arguments.of("CreateBuild", "{\"StorageLocation\":{\"Bucket\":\"my-bucket\",\"Key\":\"k\"}}", 400, "InvalidRequestException", "StorageLocation.RoleArn"),
        Arguments.of("CreateBuild", "{\"Tags\":[{\"Key\":\"aws:x\",\"Value\":\"v\"}]}", 400, "TaggingFailedException", "reserved"),
        Arguments.of("CreateBuild", "{\"Tags\":[{\"Key\":\"k\"}]}", 400, "InvalidRequestException", "Tags.member.Value"),
        Arguments.of("CreateBuild", "{\"Name\":5}", 400, "SerializationException", "'Name'"),
        Arguments.of("CreateBuild", "{\"Tags\":\"x\"}", 400, "SerializationException", "'Tags'"),
        Arguments.of("CreateBuild", "[]", 400, "SerializationException", "JSON object"),
        Arguments.of("CreateBuild", "null", 400, "SerializationException", "JSON object"),
        Arguments.of("CreateBuild", "{\"Name\":", 400, "SerializationException", "not valid JSON"),
        Arguments.of("CreateBuild", "{\"Name\":\"a\",\"Name\":\"b\"}", 400, "SerializationException", "not valid JSON"),
        Arguments.of("CreateBuild", "{} {}", 400, "SerializationException", "JSON"),
        Arguments.of("UpdateBuild", "{\"BuildId\":\"build-1\"}", 400, "InvalidRequestException", "never"),
        Arguments.of("NoSuchOperation", "{}", 400, "UnknownOperationException", "Unknown operation 'GameLift.NoSuchOperation'"));
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @MethodSource("failures")
  void call_failure_isTypedAwsJsonError(String operation, String body, int status, String type, String message) {
    HttpResponse<String> response = server.call(operation, body);
    assertAwsError(response, status, type, message);
  }

  @Test
  void createBuild_stateConflict_isConflictWhereDeclared() {
    // CreateBuild declares ConflictException; a conflict from its use case keeps that name.
    assertThat(new CreateBuildOperation(c -> {
      throw new StateConflictException("x");
    }).declaresConflict()).isTrue();
    assertThat(new RequestUploadCredentialsOperation(c -> null).declaresConflict()).isFalse();
  }

  @Test
  void call_wrongContentType_serializationError() {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri().resolve("/"))
        .header("X-Amz-Target", "GameLift.CreateBuild").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertAwsError(response, 400, "SerializationException", "Content-Type must be application/x-amz-json-1.1");
    assertClosedUnread(response);
  }

  @Test
  void call_get_unknownOperation() {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri().resolve("/"))
        .header("X-Amz-Target", "GameLift.CreateBuild").GET());
    assertAwsError(response, 400, "UnknownOperationException", "POST");
    assertClosedUnread(response);
  }

  @Test
  void call_oversizedBody_refusedWithJsonError() {
    String huge = "{\"Name\":\"" + "x".repeat(GameLiftHandler.MAX_BODY_BYTES) + "\"}";
    HttpResponse<String> response = server.call("CreateBuild", huge);
    assertAwsError(response, 400, "SerializationException", "exceeds");
    assertClosedUnread(response);
  }

  @Test
  void call_oversizedChunkedBody_answeredEveryTime() {
    // The refusal comes once the client has sent its last chunk: closing on unread bytes would reset the
    // connection and could lose the answer. Twenty tries, each bounded by the client's 10 s timeout.
    byte[] chunk = "x".repeat(64 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int attempt = 0; attempt < 20; attempt++) {
      HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
          java.util.Collections.enumeration(java.util.Collections.nCopies(8, chunk).stream()
              .map(bytes -> (java.io.InputStream) new java.io.ByteArrayInputStream(bytes)).toList())));
      HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri().resolve("/"))
          .header("X-Amz-Target", "GameLift.CreateBuild").header("Content-Type", "application/x-amz-json-1.1")
          .POST(chunked));
      assertAwsError(response, 400, "SerializationException", "exceeds");
      assertClosedUnread(response);
    }
  }

  @Test
  void call_declaredLengthFarOverLimit_refusedWithoutReadingTheBody() throws java.io.IOException {
    long declared = (long) GameLiftHandler.MAX_BODY_BYTES + GameLiftHandler.MAX_DISCARDED_BYTES + 1;
    try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.uri().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: GameLift.CreateBuild\r\n"
          + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: " + declared + "\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      // No body is sent: the answer must come anyway, and the server must then close the connection.
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: close")
          .contains("\"__type\":\"SerializationException\"").contains("exceeds");
    }
  }

  @Test
  void call_unknownTarget_refusedUnreadAndClosed() {
    HttpResponse<String> response = server.call("NoSuchOperation", "{}");
    assertAwsError(response, 400, "UnknownOperationException", "Unknown operation 'GameLift.NoSuchOperation'");
    assertClosedUnread(response);
  }

  @Test
  void call_accepted_keepsTheConnection() {
    HttpResponse<String> response = server.call("CreateBuild", "{}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Connection")).get().asString().isEqualToIgnoringCase("keep-alive");
  }

  @Test
  void call_oversizedChunkedBody_refusedWithJsonError() {
    byte[] chunk = "x".repeat(64 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
        java.util.Collections.enumeration(java.util.Collections.nCopies(8, (java.io.InputStream) null).stream()
            .map(ignored -> (java.io.InputStream) new java.io.ByteArrayInputStream(chunk)).toList())));
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri().resolve("/"))
        .header("X-Amz-Target", "GameLift.CreateBuild").header("Content-Type", "application/x-amz-json-1.1")
        .POST(chunked));
    assertAwsError(response, 400, "SerializationException", "exceeds");
  }

  @Test
  void fault_detail_neverReachesTheClient() {
    HttpResponse<String> response = server.call("DescribeBuild", "{\"BuildId\":\"build-bug\"}");
    assertThat(response.body()).doesNotContain("hunter2").doesNotContain("NullPointer").doesNotContain("at dev.");
  }

  @Test
  void health_get_isOk() {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri().resolve(RootHandler.HEALTH_PATH)).GET());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("ok");
  }

  @Test
  void requestWithoutTarget_goesToTheS3Endpoint() {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri().resolve("/hangar-builds/key")).GET());
    assertThat(response.statusCode()).isEqualTo(418);
    assertThat(response.body()).isEqualTo("s3");
    HttpResponse<String> post = server.send(HttpRequest.newBuilder(server.uri().resolve("/")).POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(post.body()).isEqualTo("s3");
  }

  /** A request refused before its body was read is answered, then its connection closed, not drained. */
  private static void assertClosedUnread(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Connection")).get().asString().isEqualToIgnoringCase("close");
  }

  static void assertAwsError(HttpResponse<String> response, int status, String type, String message) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(type);
    assertThat(response.headers().firstValue("Content-Type")).contains(GameLiftHandler.CONTENT_TYPE);
    assertThat(response.headers().firstValue("x-amzn-RequestId")).get().asString().matches("[0-9a-f-]{36}");
    assertThat(response.headers().firstValue("Date")).isPresent();
    assertThat(response.body()).startsWith("{\"__type\":\"" + type + "\",\"message\":\"");
    assertThat(response.body()).contains(message.replace("\\", "\\\\"));
  }
}
