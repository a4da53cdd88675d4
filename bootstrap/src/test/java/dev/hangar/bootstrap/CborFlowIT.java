package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.RecordingProxy;
import dev.hangar.bootstrap.testing.TestHangar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The foundation's whole flow through boto3 forced to Smithy RPC v2 CBOR (gamelift_flow.py --cbor: the installed
 * GameLift model narrowed to that protocol), through a {@link RecordingProxy}: the results botocore parsed, and on
 * the wire what botocore never checks (every reply's protocol headers, error shape ids, tag-1 timestamps).
 */
class CborFlowIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CBORMapper CBOR = new CBORMapper();
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final String CBOR_PATH = "/service/GameLift/operation/";
  private static final int MORE_BUILDS = 5;
  private static final int PAGE_SIZE = 2;
  private static final Map<String, Object> FLOW = Map.ofEntries(
      Map.entry("name", "space-game"), Map.entry("version", "1.0.0"), Map.entry("operatingSystem", "AMAZON_LINUX_2023"),
      Map.entry("serverSdkVersion", "5.1.0"),
      Map.entry("tags", List.of(Map.of("Key", "team", "Value", "core"), Map.of("Key", "tier", "Value", "gold"))),
      Map.entry("newName", "space-game-2"), Map.entry("newVersion", "1.0.1"), Map.entry("moreBuilds", MORE_BUILDS),
      Map.entry("pageSize", PAGE_SIZE), Map.entry("addTags", List.of(Map.of("Key", "stage", "Value", "beta"))),
      Map.entry("removeTagKeys", List.of("team")));

  /** What one run of gamelift_flow.py printed, and the exchanges the proxy recorded on the way. */
  private record Run(JsonNode seen, List<RecordingProxy.Exchange> exchanges, Instant before, Instant after) {
  }

  @Test
  void buildFlow_boto3ForcedToCbor_everyStepSucceedsWithTheExpectedValues() {
    Run run = runFlow(true);
    JsonNode seen = run.seen();
    assertThat(seen.get("protocol").asText()).isEqualTo("smithy-rpc-v2-cbor");

    JsonNode build = seen.at("/CreateBuild/Build");
    String buildId = build.get("BuildId").asText();
    assertThat(buildId).matches("build-" + UUID);
    assertThat(build.get("BuildArn").asText()).isEqualTo("arn:aws:gamelift:us-west-2::build/" + buildId);
    assertThat(build.get("Name").asText()).isEqualTo("space-game");
    assertThat(build.get("Version").asText()).isEqualTo("1.0.0");
    assertThat(build.get("OperatingSystem").asText()).isEqualTo("AMAZON_LINUX_2023");
    assertThat(build.get("ServerSdkVersion").asText()).isEqualTo("5.1.0");
    assertThat(build.get("Status").asText()).isEqualTo("INITIALIZED");
    assertThat(build.get("SizeOnDisk").asLong()).isZero();
    Instant created = creationTime(build);
    assertThat(created).isBetween(run.before().minusSeconds(1), run.after().plusSeconds(1));
    assertThat(seen.at("/CreateBuild/UploadCredentials/AccessKeyId").asText()).startsWith("ASIA");
    assertThat(seen.at("/CreateBuild/UploadCredentials/SecretAccessKey").asText()).hasSize(40);
    assertThat(seen.at("/CreateBuild/UploadCredentials/SessionToken").asText()).isNotBlank();
    assertThat(seen.at("/CreateBuild/StorageLocation/Bucket").asText()).isEqualTo("hangar-builds");
    assertThat(seen.at("/CreateBuild/StorageLocation/Key").asText()).isEqualTo("123456789012/" + buildId);

    assertThat(seen.at("/DescribeBuild/Build")).isEqualTo(build);
    JsonNode updated = seen.at("/UpdateBuild/Build");
    assertThat(updated.get("BuildId").asText()).isEqualTo(buildId);
    assertThat(updated.get("Name").asText()).isEqualTo("space-game-2");
    assertThat(updated.get("Version").asText()).isEqualTo("1.0.1");
    assertThat(creationTime(updated)).isEqualTo(created);

    assertThat(seen.at("/RequestUploadCredentials/UploadCredentials/AccessKeyId").asText()).startsWith("ASIA")
        .isNotEqualTo(seen.at("/CreateBuild/UploadCredentials/AccessKeyId").asText());
    assertThat(seen.at("/RequestUploadCredentials/StorageLocation")).isEqualTo(seen.at("/CreateBuild/StorageLocation"));

    JsonNode pages = seen.get("ListBuildsPages");
    List<String> listed = new ArrayList<>();
    pages.forEach(page -> {
      assertThat(page.get("Builds").size()).isBetween(1, PAGE_SIZE);
      page.get("Builds").forEach(b -> {
        listed.add(b.get("BuildId").asText());
        assertThat(b.get("CreationTime").has("datetime")).as("CreationTime parsed as a datetime").isTrue();
      });
    });
    List<String> expected = new ArrayList<>(List.of(buildId));
    seen.get("moreBuildIds").forEach(id -> expected.add(id.asText()));
    assertThat(expected).hasSize(1 + MORE_BUILDS);
    assertThat(pages.size()).isGreaterThanOrEqualTo((1 + MORE_BUILDS + PAGE_SIZE - 1) / PAGE_SIZE);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);

    assertThat(seen.get("TagResource")).isEmpty();
    assertThat(tags(seen.at("/ListTagsAfterTag/Tags"))).containsExactly("team=core", "tier=gold", "stage=beta");
    assertThat(seen.get("UntagResource")).isEmpty();
    assertThat(tags(seen.at("/ListTagsAfterUntag/Tags"))).containsExactly("tier=gold", "stage=beta");
    assertThat(seen.get("DeleteBuild")).isEmpty();

    JsonNode deleted = seen.get("DescribeDeleted");
    assertThat(deleted.get("ok").asBoolean()).isFalse();
    assertThat(deleted.get("exception").asText()).isEqualTo("NotFoundException");
    assertThat(deleted.get("modeled").asBoolean()).isTrue();
    assertThat(deleted.get("code").asText()).isEqualTo("NotFoundException");
    assertThat(deleted.get("status").asInt()).isEqualTo(400);
    assertThat(deleted.get("message").asText()).isEqualTo("Build " + buildId + " does not exist.");
    assertThat(deleted.get("requestId").asText()).matches(UUID);
  }

  @Test
  void buildFlow_boto3ForcedToCbor_everyExchangeOnTheWireIsRpcV2Cbor() {
    Run run = runFlow(true);
    List<RecordingProxy.Exchange> exchanges = run.exchanges();
    List<String> operations = exchanges.stream().map(e -> e.target().substring(e.target().lastIndexOf('/') + 1)).toList();
    int listCalls = run.seen().get("ListBuildsPages").size();
    List<String> expected = new ArrayList<>(List.of("CreateBuild", "DescribeBuild", "UpdateBuild", "RequestUploadCredentials"));
    expected.addAll(java.util.Collections.nCopies(MORE_BUILDS, "CreateBuild"));
    expected.addAll(java.util.Collections.nCopies(listCalls, "ListBuilds"));
    expected.addAll(List.of("TagResource", "ListTagsForResource", "UntagResource", "ListTagsForResource", "DeleteBuild", "DescribeBuild"));
    assertThat(operations).containsExactlyElementsOf(expected);
    assertThat(exchanges).extracting(RecordingProxy.Exchange::connection).as("one keep-alive connection").containsOnly(exchanges.get(0).connection());

    int timestamps = 0;
    for (RecordingProxy.Exchange exchange : exchanges) {
      String operation = exchange.target().substring(CBOR_PATH.length());
      RecordingProxy.Message request = exchange.request();
      assertThat(exchange.method()).isEqualTo("POST");
      assertThat(exchange.target()).isEqualTo(CBOR_PATH + operation);
      assertThat(request.headers("smithy-protocol")).as(operation).containsExactly("rpc-v2-cbor");
      assertThat(request.header("X-Amz-Target")).as(operation).isEmpty();
      assertThat(request.header("Authorization")).as(operation).get().asString().contains("/us-west-2/gamelift/aws4_request");
      decodeMap(request.body());

      RecordingProxy.Message reply = exchange.response();
      String described = operation + " -> " + reply.startLine() + " " + reply.headers();
      assertThat(reply.headers("smithy-protocol")).as(described).containsExactly("rpc-v2-cbor");
      assertThat(reply.header("x-amzn-RequestId")).as(described).get().asString().matches(UUID);
      assertThat(reply.header("Date")).as(described).isPresent();
      assertThat(reply.header("x-amzn-ErrorType")).as(described).isEmpty();
      boolean last = exchange == exchanges.get(exchanges.size() - 1);
      if (operation.equals("DeleteBuild")) {
        assertThat(exchange.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).as(described).isEmpty();
        assertThat(reply.body()).as(described).isEmpty();
      } else if (last) {
        assertThat(exchange.status()).isEqualTo(400);
        assertThat(reply.headers("Content-Type")).as(described).containsExactly("application/cbor");
        JsonNode error = decodeMap(reply.body());
        assertThat(error.get("__type").asText()).isEqualTo("com.amazonaws.gamelift#NotFoundException");
        assertThat(error.get("message").asText()).startsWith("Build build-").endsWith(" does not exist.");
      } else {
        assertThat(exchange.status()).as(described).isEqualTo(200);
        assertThat(reply.headers("Content-Type")).as(described).containsExactly("application/cbor");
        assertThat(decodeMap(reply.body()).has("__type")).as(described).isFalse();
        timestamps += epochDoubleTimestamps(reply.body());
      }
    }
    // One per CreateBuild reply, DescribeBuild, UpdateBuild, and one per listed build.
    assertThat(timestamps).isEqualTo((1 + MORE_BUILDS) + 2 + (1 + MORE_BUILDS));
  }

  @Test
  void buildFlow_boto3OverCborAndOverJson_sameMembersInEveryResult() {
    Run cbor = runFlow(true);
    Run json = runFlow(false);
    assertThat(json.seen().get("protocol").asText()).isEqualTo("json");
    assertThat(json.exchanges()).allSatisfy(e -> assertThat(e.target()).isEqualTo("/"));
    Iterator<String> steps = cbor.seen().fieldNames();
    int compared = 0;
    while (steps.hasNext()) {
      String step = steps.next();
      if (step.equals("protocol")) {
        continue;
      }
      assertThat(memberPaths(cbor.seen().get(step), "")).as(step).isEqualTo(memberPaths(json.seen().get(step), ""));
      compared++;
    }
    assertThat(compared).isEqualTo(json.seen().size() - 1);
    assertThat(cbor.seen().at("/DescribeDeleted")).isEqualTo(withMessageOf(json.seen().at("/DescribeDeleted"), cbor.seen()));
  }

  private static Run runFlow(boolean cbor) {
    ExternalTools.requirePythonClients();
    try (TestHangar hangar = TestHangar.start(Clock.systemUTC()); RecordingProxy proxy = RecordingProxy.start(hangar.endpoint())) {
      List<String> command = new ArrayList<>(List.of("python3", ExternalTools.PYTHON_DIR.resolve("gamelift_flow.py").toString()));
      if (cbor) {
        command.add("--cbor");
      }
      command.add(proxy.endpoint().toString());
      Instant before = Instant.now();
      ExternalTools.Result result = ExternalTools.run(command, JSON.writeValueAsString(FLOW), Map.of(), 50);
      Instant after = Instant.now();
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(proxy.problems()).isEmpty();
      return new Run(JSON.readTree(result.stdout()), proxy.exchanges(), before, after);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant creationTime(JsonNode build) {
    JsonNode time = build.get("CreationTime");
    assertThat(time.has("datetime")).as("CreationTime parsed by botocore as a datetime: " + time).isTrue();
    return OffsetDateTime.parse(time.get("datetime").asText()).toInstant();
  }

  private static List<String> tags(JsonNode tags) {
    List<String> pairs = new ArrayList<>();
    tags.forEach(tag -> pairs.add(tag.get("Key").asText() + "=" + tag.get("Value").asText()));
    return pairs;
  }

  private static JsonNode decodeMap(byte[] body) {
    try {
      JsonNode node = CBOR.readTree(body);
      assertThat(node.isObject()).as("a CBOR map").isTrue();
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many CreationTime members the body has, each checked to be tag 1 on a double (not tag 4, not a float32). */
  private static int epochDoubleTimestamps(byte[] body) {
    int found = 0;
    try (CBORParser parser = CBOR.getFactory().createParser(body)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME && parser.currentName().equals("CreationTime")) {
          JsonToken value = parser.nextToken();
          assertThat(parser.getCurrentTag()).as("CreationTime's tag").isEqualTo(1);
          assertThat(value).isEqualTo(JsonToken.VALUE_NUMBER_FLOAT);
          assertThat(parser.getNumberType()).isEqualTo(JsonParser.NumberType.DOUBLE);
          found++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** Every member path in a result (array elements as []), so results of two runs compare by shape, not by value. */
  private static TreeSet<String> memberPaths(JsonNode node, String prefix) {
    TreeSet<String> paths = new TreeSet<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        paths.add(prefix + "/" + field.getKey());
        paths.addAll(memberPaths(field.getValue(), prefix + "/" + field.getKey()));
      });
    } else if (node.isArray()) {
      node.forEach(element -> paths.addAll(memberPaths(element, prefix + "[]")));
    }
    return paths;
  }

  /** The JSON run's DescribeDeleted outcome with the CBOR run's build id and request id, to compare the rest. */
  private static JsonNode withMessageOf(JsonNode json, JsonNode cborSeen) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = json.deepCopy();
    copy.put("message", "Build " + cborSeen.at("/CreateBuild/Build/BuildId").asText() + " does not exist.");
    copy.put("requestId", cborSeen.at("/DescribeDeleted/requestId").asText());
    return copy;
  }
}
