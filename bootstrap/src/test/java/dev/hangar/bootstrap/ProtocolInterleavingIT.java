package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.bootstrap.testing.CborBytes;
import dev.hangar.bootstrap.testing.CborCalls;
import dev.hangar.bootstrap.testing.RawSigner;
import dev.hangar.bootstrap.testing.TestHangar;
import dev.hangar.bootstrap.testing.WireSocket;
import dev.hangar.bootstrap.testing.WireSocket.RawResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS JSON 1.1 and Smithy RPC v2 CBOR on the same port (issue 8, acceptance 5): interleaved on one keep-alive
 * connection (a raw socket, so it is one connection by construction, also with requests pipelined), and on
 * many connections at once; every reply is in the protocol its request spoke.
 */
class ProtocolInterleavingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/x-amz-json-1.1";
  private static final int CONNECTIONS = 16;
  private static final int CALLS_PER_CONNECTION = 40;
  private static TestHangar hangar;

  @BeforeAll
  static void start() {
    hangar = TestHangar.start(Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    hangar.close();
  }

  private enum Protocol { JSON, CBOR }

  /** One call in one protocol, with the status it must get and whether its reply has a body. */
  private record Call(Protocol protocol, String operation, Map<String, Object> input, int status, boolean emptyReply) {
    static Call ok(Protocol protocol, String operation, Map<String, Object> input) {
      return new Call(protocol, operation, input, 200, false);
    }

    static Call refused(Protocol protocol, String operation, Map<String, Object> input) {
      return new Call(protocol, operation, input, 400, false);
    }

    RawSigner.Signed signed() {
      if (protocol == Protocol.CBOR) {
        return CborCalls.request(hangar.endpoint(), operation, CborBytes.plain(input));
      }
      try {
        return RawSigner.json(hangar.endpoint(), operation, JSON.writeValueAsString(input), CborCalls.TEST_KEYS, Clock.systemUTC(),
            CborCalls.REGION, "gamelift");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return protocol + " " + operation + " " + input;
    }
  }

  @Test
  void oneKeepAliveConnection_protocolsInterleaved_eachReplyInItsProtocol() {
    try (WireSocket connection = WireSocket.open(hangar.endpoint(), 5000)) {
      for (int round = 0; round < 3; round++) {
        Protocol first = round % 2 == 0 ? Protocol.JSON : Protocol.CBOR;
        Protocol second = first == Protocol.JSON ? Protocol.CBOR : Protocol.JSON;
        JsonNode created = exchange(connection, Call.ok(first, "CreateBuild", Map.of("Name", "interleaved-" + round)));
        String id = created.get("Build").get("BuildId").asText();
        String arn = created.get("Build").get("BuildArn").asText();
        assertThat(exchange(connection, Call.ok(second, "DescribeBuild", Map.of("BuildId", id))).get("Build").get("Name").asText())
            .isEqualTo("interleaved-" + round);
        exchange(connection, Call.ok(first, "DescribeBuild", Map.of("BuildId", id)));
        exchange(connection, Call.ok(second, "TagResource", Map.of("ResourceARN", arn, "Tags", List.of(Map.of("Key", "k", "Value", "v")))));
        assertThat(exchange(connection, Call.ok(first, "ListTagsForResource", Map.of("ResourceARN", arn))).get("Tags")).hasSize(1);
        exchange(connection, Call.ok(second, "ListBuilds", Map.of("Limit", 1)));
        exchange(connection, Call.refused(first, "DescribeBuild", Map.of("BuildId", "build-nobody-has-this")));
        exchange(connection, Call.refused(second, "ListBuilds", Map.of("Limit", "not a number")));
        exchange(connection, Call.ok(first, "UpdateBuild", Map.of("BuildId", id, "Version", "2")));
        exchange(connection, new Call(second, "DeleteBuild", Map.of("BuildId", id), 200, true));
        exchange(connection, Call.refused(first, "DescribeBuild", Map.of("BuildId", id)));
        exchange(connection, Call.refused(second, "DescribeBuild", Map.of("BuildId", id)));
      }
    }
  }

  @Test
  void oneKeepAliveConnection_requestsPipelined_repliesInOrderEachInItsProtocol() {
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Protocol protocol = i % 3 == 1 ? Protocol.JSON : Protocol.CBOR;
      calls.add(i % 4 == 3 ? Call.refused(protocol, "DescribeBuild", Map.of("BuildId", "build-absent-" + i))
          : Call.ok(protocol, "ListBuilds", Map.of("Limit", 1 + i)));
    }
    try (WireSocket connection = WireSocket.open(hangar.endpoint(), 5000)) {
      calls.forEach(call -> connection.send(call.signed().toWire(hangar.endpoint())));
      for (Call call : calls) {
        RawResponse reply = connection.readRawResponse().orElseThrow(() -> new AssertionError("no reply to " + call));
        assertInProtocol(call, reply);
        if (call.status() == 200) {
          assertThat(body(call, reply).get("Builds").size()).as(call.toString()).isLessThanOrEqualTo((Integer) call.input().get("Limit"));
        }
      }
    }
  }

  @Test
  void manyConnections_protocolsInterleavedConcurrently_eachReplyInItsProtocol() throws Exception {
    long seed = System.nanoTime();
    System.out.println("ProtocolInterleavingIT many connections: seed " + seed);
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      List<Callable<Integer>> connections = new ArrayList<>();
      for (int c = 0; c < CONNECTIONS; c++) {
        Random random = new Random(seed + c);
        int number = c;
        connections.add(() -> {
          try (WireSocket connection = WireSocket.open(hangar.endpoint(), 5000)) {
            Protocol protocol = random.nextBoolean() ? Protocol.JSON : Protocol.CBOR;
            String id = exchange(connection, Call.ok(protocol, "CreateBuild", Map.of("Name", "connection-" + number)))
                .get("Build").get("BuildId").asText();
            for (int i = 1; i < CALLS_PER_CONNECTION; i++) {
              protocol = random.nextBoolean() ? Protocol.JSON : Protocol.CBOR;
              Call call = switch (random.nextInt(4)) {
                case 0 -> Call.ok(protocol, "DescribeBuild", Map.of("BuildId", id));
                case 1 -> Call.ok(protocol, "ListBuilds", Map.of("Limit", 1 + random.nextInt(5)));
                case 2 -> Call.ok(protocol, "UpdateBuild", Map.of("BuildId", id, "Version", "v" + i));
                default -> Call.refused(protocol, "DescribeBuild", Map.of("BuildId", "build-absent-" + number + "-" + i));
              };
              JsonNode reply = exchange(connection, call);
              if (call.operation().equals("DescribeBuild") && call.status() == 200) {
                assertThat(reply.get("Build").get("Name").asText()).isEqualTo("connection-" + number);
              }
            }
            return CALLS_PER_CONNECTION;
          }
        });
      }
      List<Future<Integer>> results = pool.invokeAll(connections, 60, TimeUnit.SECONDS);
      int calls = 0;
      for (Future<Integer> result : results) {
        assertThat(result.isCancelled()).as("a connection still busy after 60 s (seed %d)", seed).isFalse();
        calls += result.get();
      }
      assertThat(calls).isEqualTo(CONNECTIONS * CALLS_PER_CONNECTION);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Sends one call on the connection, reads its reply, checks that it is in the call's protocol; the decoded body. */
  private static JsonNode exchange(WireSocket connection, Call call) {
    connection.send(call.signed().toWire(hangar.endpoint()));
    RawResponse reply = connection.readRawResponse()
        .orElseThrow(() -> new AssertionError("the node closed the connection instead of answering " + call));
    assertInProtocol(call, reply);
    return body(call, reply);
  }

  private static void assertInProtocol(Call call, RawResponse reply) {
    String shown = call + " -> " + reply.status() + " " + reply.headers();
    assertThat(reply.status()).as(shown).isEqualTo(call.status());
    assertThat(reply.header("x-amzn-RequestId")).as(shown).isNotNull();
    assertThat(reply.header("Date")).as(shown).isNotNull();
    assertThat("close".equalsIgnoreCase(reply.header("Connection"))).as("%s: the connection is kept", shown).isFalse();
    if (call.protocol() == Protocol.JSON) {
      assertThat(reply.header("Content-Type")).as(shown).isEqualTo(JSON_TYPE);
      assertThat(reply.header(CborCalls.PROTOCOL_HEADER)).as(shown).isNull();
      if (call.emptyReply()) {
        // DeleteBuild over JSON: an empty body, as before CBOR came (AWS sends {}; botocore reads both).
        assertThat(reply.body().length == 0 || reply.body()[0] == '{').as(shown).isTrue();
      } else {
        assertThat(reply.body()).as(shown).isNotEmpty();
        assertThat(reply.body()[0]).as("%s: a JSON object", shown).isEqualTo((byte) '{');
      }
      if (call.status() != 200) {
        assertThat(reply.header("x-amzn-ErrorType")).as(shown).isNotNull();
      }
    } else {
      assertThat(reply.header(CborCalls.PROTOCOL_HEADER)).as(shown).isEqualTo(CborCalls.PROTOCOL);
      assertThat(reply.header("x-amzn-ErrorType")).as(shown).isNull();
      if (call.emptyReply()) {
        assertThat(reply.body()).as(shown).isEmpty();
        assertThat(reply.header("Content-Type")).as(shown).isNull();
      } else {
        assertThat(reply.header("Content-Type")).as(shown).isEqualTo(CborCalls.CONTENT_TYPE);
        assertThat(reply.body()).as(shown).isNotEmpty();
        assertThat(reply.body()[0] & 0xE0).as("%s: a CBOR map", shown).isEqualTo(CborBytes.MAP << 5);
      }
    }
    if (call.status() != 200) {
      String type = body(call, reply).get("__type").asText();
      assertThat(type).as(shown).isEqualTo(call.protocol() == Protocol.CBOR ? namespaced(type) : type);
      assertThat(type.contains("#")).as("%s: __type %s", shown, type).isEqualTo(call.protocol() == Protocol.CBOR);
    }
  }

  private static String namespaced(String type) {
    return type.startsWith("com.amazonaws.gamelift#") || type.startsWith("com.amazon.coral.service#") ? type : "(no namespace) " + type;
  }

  private static JsonNode body(Call call, RawResponse reply) {
    if (reply.body().length == 0) {
      return JSON.createObjectNode();
    }
    if (call.protocol() == Protocol.CBOR) {
      return CborCalls.decode(reply.body());
    }
    try {
      return JSON.readTree(new String(reply.body(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
