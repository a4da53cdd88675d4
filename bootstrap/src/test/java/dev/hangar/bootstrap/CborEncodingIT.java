package dev.hangar.bootstrap;

import static dev.hangar.bootstrap.testing.CborBytes.cbor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hangar.adapter.http.GameLiftHandler;
import dev.hangar.bootstrap.testing.CborBytes;
import dev.hangar.bootstrap.testing.CborBytes.Width;
import dev.hangar.bootstrap.testing.CborCalls;
import dev.hangar.bootstrap.testing.CborCalls.Reply;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.TestHangar;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw Smithy RPC v2 CBOR requests encoded by the test itself (issue 8, acceptance 3): every valid way of
 * writing a request gives the same reply as its plain encoding; every malformed or mistyped body is a
 * SerializationException 400; and several hundred hostile bodies from a seeded generator are each refused by
 * the decoder of a node running with a 64 MiB heap, which still serves a valid call afterwards.
 */
class CborEncodingIT {
  private static final String SERIALIZATION = "com.amazon.coral.service#SerializationException";
  private static final String INVALID_REQUEST = "com.amazonaws.gamelift#InvalidRequestException";
  /** Members of a CreateBuild reply that differ from one build to the next. */
  private static final Set<String> PER_BUILD = Set.of("BuildId", "BuildArn", "CreationTime", "AccessKeyId", "SecretAccessKey",
      "SessionToken", "Key");
  /** Stands for CBOR's undefined (simple value 23) in a request tree. */
  private static final Object UNDEFINED = new Object();
  private static final String NAME = "cbor-variänts-€-😀";
  private static final int HOSTILE_BODIES = 400;
  private static TestHangar hangar;

  @TempDir
  Path dir;

  /** A pre-encoded item inside a request tree, written as is. */
  private record Raw(byte[] bytes) {
  }

  /**
   * How a request tree is written: definite or indefinite maps and arrays, strings whole or in chunks of at
   * most {@code chunk} characters (0: whole), keys chunked too or not, and the smallest width of every length
   * and integer head; with {@code selfDescribed}, the whole wrapped in tag 55799.
   */
  private record Style(boolean indefiniteMaps, boolean indefiniteArrays, int chunk, boolean chunkKeys, Width width,
      boolean selfDescribed) {
    static final Style PLAIN = new Style(false, false, 0, false, Width.SHORTEST, false);

    Style maps() {
      return new Style(true, indefiniteArrays, chunk, chunkKeys, width, selfDescribed);
    }

    Style arrays() {
      return new Style(indefiniteMaps, true, chunk, chunkKeys, width, selfDescribed);
    }

    Style chunks(int size, boolean keysToo) {
      return new Style(indefiniteMaps, indefiniteArrays, size, keysToo, width, selfDescribed);
    }

    Style width(Width w) {
      return new Style(indefiniteMaps, indefiniteArrays, chunk, chunkKeys, w, selfDescribed);
    }

    Style tagged() {
      return new Style(indefiniteMaps, indefiniteArrays, chunk, chunkKeys, width, true);
    }
  }

  /** A named encoding of one request. */
  private record Variant(String name, byte[] body) {
  }

  @BeforeAll
  static void start() {
    hangar = TestHangar.start(Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    hangar.close();
  }

  // ---------------------------------------------------------------- valid encodings: the same result as plain

  @Test
  void describeBuild_everyValidEncoding_sameReplyAsPlain() {
    String id = created(Map.of("Name", "described")).get("Build").get("BuildId").asText();
    Map<String, Object> request = Map.of("BuildId", id);
    Reply plain = ok("DescribeBuild", encode(request, Style.PLAIN));
    assertThat(plain.tree().get("Build").get("BuildId").asText()).isEqualTo(id);

    List<Variant> variants = new ArrayList<>(styles(request));
    variants.add(new Variant("the id in chunks, one of them empty", cbor().map(1).text("BuildId")
        .textChunks(id.substring(0, 3), "", id.substring(3, 9), id.substring(9)).bytes()));
    variants.add(new Variant("the key in chunks", cbor().map(1).textChunks("Build", "Id").text(id).bytes()));
    variants.add(new Variant("tag 55799 in a 4-byte head", cbor().head(CborBytes.TAG, CborBytes.SELF_DESCRIBED, Width.FOUR)
        .raw(encode(request, Style.PLAIN)).bytes()));
    variants.add(new Variant("tag 55799 twice", cbor().selfDescribed().selfDescribed().raw(encode(request, Style.PLAIN)).bytes()));
    variants.add(new Variant("unknown members of every type around it", encode(withUnknownMembers(request), Style.PLAIN)));
    variants.add(new Variant("unknown members, all indefinite and chunked", encode(withUnknownMembers(request),
        Style.PLAIN.maps().arrays().chunks(2, true))));
    variants.add(new Variant("an unknown member nested to depth 64", cbor().map(2).text("BuildId").text(id).text("Deep")
        .raw(nested(63)).bytes()));
    variants.add(new Variant("a null and an undefined unknown member", encode(ordered("Gone", null, "BuildId", id, "Never", UNDEFINED),
        Style.PLAIN)));
    variants.add(new Variant("everything at once", encode(withUnknownMembers(request),
        Style.PLAIN.maps().arrays().chunks(3, true).width(Width.EIGHT).tagged())));
    assertSameReplies(variants, "DescribeBuild", plain.tree());
  }

  @Test
  void listBuilds_everyValidEncoding_sameReplyAsPlain() {
    for (int i = 0; i < 3; i++) {
      created(Map.of("Name", "listed-" + i));
    }
    Map<String, Object> request = Map.of("Limit", 2);
    Reply plain = ok("ListBuilds", encode(request, Style.PLAIN));
    assertThat(plain.tree().get("Builds")).hasSize(2);
    assertThat(plain.tree().get("NextToken")).isNotNull();

    List<Variant> variants = new ArrayList<>(styles(request));
    for (Width width : new Width[] {Width.ONE, Width.TWO, Width.FOUR, Width.EIGHT}) {
      variants.add(new Variant("Limit as a " + width + "-byte integer", cbor().map(1).text("Limit").uint(2, width).bytes()));
    }
    variants.add(new Variant("Status and NextToken null", encode(ordered("Status", null, "Limit", 2, "NextToken", null), Style.PLAIN)));
    variants.add(new Variant("Status and NextToken undefined", encode(ordered("Status", UNDEFINED, "Limit", 2, "NextToken", UNDEFINED),
        Style.PLAIN)));
    variants.add(new Variant("unknown members of every type around it", encode(withUnknownMembers(request), Style.PLAIN)));
    variants.add(new Variant("everything at once", encode(withUnknownMembers(ordered("Status", UNDEFINED, "Limit", 2)),
        Style.PLAIN.maps().arrays().chunks(1, true).width(Width.EIGHT).tagged())));
    assertSameReplies(variants, "ListBuilds", plain.tree());

    Reply all = ok("ListBuilds", cbor().map(0).bytes());
    List<Variant> empty = List.of(
        new Variant("an empty body", new byte[0]),
        new Variant("an empty indefinite map", cbor().beginMap().end().bytes()),
        new Variant("an empty map with an 8-byte count", cbor().map(0, Width.EIGHT).bytes()),
        new Variant("a self-described empty map", cbor().selfDescribed().map(0).bytes()),
        new Variant("Limit null", cbor().map(1).text("Limit").nul().bytes()),
        new Variant("Limit undefined", cbor().map(1).text("Limit").undefined().bytes()));
    assertSameReplies(empty, "ListBuilds", all.tree());
  }

  @Test
  void createBuild_everyValidEncoding_sameBuildAndTagsAsPlain() {
    Map<String, Object> request = ordered("Name", NAME, "Version", "1.0-β",
        "Tags", List.of(ordered("Key", "team", "Value", "blue"), ordered("Key", "stage", "Value", "dév")));
    Reply plain = ok("CreateBuild", encode(request, Style.PLAIN));
    JsonNode expected = masked(plain.tree());
    JsonNode expectedTags = tags(plain.tree());
    assertThat(plain.tree().get("Build").get("Name").asText()).isEqualTo(NAME);
    assertThat(expectedTags).hasSize(2);

    List<Variant> variants = new ArrayList<>(styles(request));
    variants.add(new Variant("Name in chunks, one of them empty", cbor().map(3).text("Name").textChunks("cbor-", "variä", "", "nts-€-", "😀")
        .text("Version").text("1.0-β").text("Tags").raw(encode(request.get("Tags"), Style.PLAIN)).bytes()));
    variants.add(new Variant("Tags and each tag indefinite", cbor().map(3).text("Name").text(NAME).text("Version").text("1.0-β")
        .text("Tags").raw(encode(request.get("Tags"), Style.PLAIN.maps().arrays())).bytes()));
    Map<String, Object> withNulls = new LinkedHashMap<>(request);
    withNulls.put("OperatingSystem", null);
    withNulls.put("ServerSdkVersion", null);
    withNulls.put("StorageLocation", null);
    variants.add(new Variant("OperatingSystem, ServerSdkVersion and StorageLocation null", encode(withNulls, Style.PLAIN)));
    Map<String, Object> withUndefined = new LinkedHashMap<>();
    withUndefined.put("StorageLocation", UNDEFINED);
    withUndefined.putAll(request);
    withUndefined.put("OperatingSystem", UNDEFINED);
    withUndefined.put("ServerSdkVersion", UNDEFINED);
    variants.add(new Variant("OperatingSystem, ServerSdkVersion and StorageLocation undefined", encode(withUndefined, Style.PLAIN)));
    Map<String, Object> unknownInTags = new LinkedHashMap<>(request);
    unknownInTags.put("Tags", List.of(withUnknownMembers(ordered("Key", "team", "Value", "blue")),
        ordered("Key", "stage", "Extra", List.of(new byte[] {1, 2}), "Value", "dév")));
    variants.add(new Variant("unknown members inside the tags", encode(unknownInTags, Style.PLAIN)));
    variants.add(new Variant("unknown members of every type around it", encode(withUnknownMembers(request), Style.PLAIN)));
    variants.add(new Variant("everything at once", encode(withUnknownMembers(withUndefined),
        Style.PLAIN.maps().arrays().chunks(2, true).width(Width.FOUR).tagged())));

    SoftAssertions soft = new SoftAssertions();
    for (Variant variant : variants) {
      Reply reply = CborCalls.call(hangar.endpoint(), "CreateBuild", variant.body());
      soft.assertThat(reply.status()).as("%s: %s", variant.name(), reply.describe()).isEqualTo(200);
      if (reply.status() == 200) {
        soft.assertThat(masked(reply.tree())).as(variant.name()).isEqualTo(expected);
        soft.assertThat(tags(reply.tree())).as("%s: the tags", variant.name()).isEqualTo(expectedTags);
      }
    }
    soft.assertAll();
  }

  // ---------------------------------------------------------------- invalid encodings: SerializationException

  static Stream<Arguments> invalidBodies() {
    byte[] name = cbor().text("Name").bytes();
    byte[] limit = cbor().text("Limit").bytes();
    byte[] extra = cbor().text("Extra").bytes();
    List<Arguments> cases = new ArrayList<>();
    // A float, a tag or another major type where the model has an integer.
    cases.add(case_("ListBuilds", "Limit a half float 2.0", cbor().map(1).raw(limit).half(2.0f)));
    cases.add(case_("ListBuilds", "Limit a half float 10.0", cbor().map(1).raw(limit).half(10.0f)));
    cases.add(case_("ListBuilds", "Limit a single float 2.0", cbor().map(1).raw(limit).single(2.0f)));
    cases.add(case_("ListBuilds", "Limit a double 2.0", cbor().map(1).raw(limit).dbl(2.0)));
    cases.add(case_("ListBuilds", "Limit tagged 1 (epoch time)", cbor().map(1).raw(limit).tag(1).uint(2)));
    cases.add(case_("ListBuilds", "Limit a bignum (tag 2)", cbor().map(1).raw(limit).tag(2).byteString(new byte[] {2})));
    cases.add(case_("ListBuilds", "Limit a text", cbor().map(1).raw(limit).text("2")));
    cases.add(case_("ListBuilds", "Limit true", cbor().map(1).raw(limit).bool(true)));
    cases.add(case_("ListBuilds", "Limit an array", cbor().map(1).raw(limit).array(1).uint(2)));
    cases.add(case_("ListBuilds", "Limit 2^31, beyond an int", cbor().map(1).raw(limit).uint(1L << 31)));
    cases.add(case_("ListBuilds", "Limit 2^64-1", cbor().map(1).raw(limit).uint(-1L)));
    cases.add(case_("ListBuilds", "Limit -2^31-1, beyond an int", cbor().map(1).raw(limit).negative(1L << 31)));
    cases.add(case_("ListBuilds", "Limit -2^64", cbor().map(1).raw(limit).negative(-1L)));
    // A tag, a byte string or another major type where the model has a string.
    cases.add(case_("CreateBuild", "Name tagged 0 (date/time string)", cbor().map(1).raw(name).tag(0).text("x")));
    cases.add(case_("CreateBuild", "Name tagged 32 (URI)", cbor().map(1).raw(name).tag(32).text("x")));
    cases.add(case_("CreateBuild", "Name a byte string", cbor().map(1).raw(name).byteString("abc".getBytes(StandardCharsets.UTF_8))));
    cases.add(case_("CreateBuild", "Name an indefinite byte string", cbor().map(1).raw(name).byteChunks(new byte[] {'a'}, new byte[] {'b'})));
    cases.add(case_("CreateBuild", "Name an integer", cbor().map(1).raw(name).uint(5)));
    cases.add(case_("CreateBuild", "Name a negative integer", cbor().map(1).raw(name).negative(0)));
    cases.add(case_("CreateBuild", "Name a float", cbor().map(1).raw(name).half(1.5f)));
    cases.add(case_("CreateBuild", "Name true", cbor().map(1).raw(name).bool(true)));
    cases.add(case_("CreateBuild", "Name an array", cbor().map(1).raw(name).array(1).text("x")));
    cases.add(case_("CreateBuild", "Name a map", cbor().map(1).raw(name).map(1).text("x").text("y")));
    cases.add(case_("CreateBuild", "Tags a text", cbor().map(1).text("Tags").text("team=blue")));
    cases.add(case_("CreateBuild", "a tag that is a text", cbor().map(1).text("Tags").array(1).text("team")));
    cases.add(case_("CreateBuild", "a tag Key that is an integer", cbor().map(1).text("Tags").array(1).map(2).text("Key").uint(1)
        .text("Value").text("v")));
    cases.add(case_("DescribeBuild", "BuildId an integer", cbor().map(1).text("BuildId").uint(7)));
    // Duplicate keys.
    cases.add(case_("CreateBuild", "a duplicate key", cbor().map(2).raw(name).text("a").raw(name).text("b")));
    cases.add(case_("CreateBuild", "a duplicate key, once in chunks", cbor().map(2).raw(name).text("a").textChunks("Na", "me").text("b")));
    cases.add(case_("CreateBuild", "a duplicate key in an indefinite map", cbor().beginMap().raw(name).text("a").raw(name).text("b").end()));
    cases.add(case_("CreateBuild", "a duplicate key inside a tag", cbor().map(1).text("Tags").array(1).map(3).text("Key").text("k")
        .text("Key").text("l").text("Value").text("v")));
    cases.add(case_("ListBuilds", "a duplicate unknown key", cbor().map(2).raw(extra).uint(1).raw(extra).uint(2)));
    // Invalid UTF-8.
    cases.add(case_("CreateBuild", "UTF-8: a bad continuation byte", cbor().map(1).raw(name).textUtf8(bytes(0xC3, 0x28))));
    cases.add(case_("CreateBuild", "UTF-8: a lone continuation byte", cbor().map(1).raw(name).textUtf8(bytes('a', 0x80, 'b'))));
    cases.add(case_("CreateBuild", "UTF-8: an overlong '/' in 2 bytes", cbor().map(1).raw(name).textUtf8(bytes(0xC0, 0xAF))));
    cases.add(case_("CreateBuild", "UTF-8: an overlong '/' in 3 bytes", cbor().map(1).raw(name).textUtf8(bytes(0xE0, 0x80, 0xAF))));
    cases.add(case_("CreateBuild", "UTF-8: an encoded surrogate U+D800", cbor().map(1).raw(name).textUtf8(bytes(0xED, 0xA0, 0x80))));
    cases.add(case_("CreateBuild", "UTF-8: a code point beyond U+10FFFF", cbor().map(1).raw(name).textUtf8(bytes(0xF4, 0x90, 0x80, 0x80))));
    cases.add(case_("CreateBuild", "UTF-8: a sequence cut short", cbor().map(1).raw(name).textUtf8(bytes('a', 0xE2, 0x82))));
    cases.add(case_("CreateBuild", "UTF-8: invalid in one chunk of an indefinite text", cbor().map(1).raw(name).initial(CborBytes.TEXT, 31)
        .text("ok").textUtf8(bytes(0xED, 0xB0, 0x80)).end()));
    cases.add(case_("CreateBuild", "UTF-8: a character split across two chunks (RFC 8949 3.2.3)", cbor().map(1).raw(name)
        .initial(CborBytes.TEXT, 31).textUtf8(bytes('d', 0xC3)).textUtf8(bytes(0xA9)).end()));
    cases.add(case_("CreateBuild", "UTF-8: invalid in a key", cbor().map(1).textUtf8(bytes('N', 0xC3, 0x28)).text("x")));
    cases.add(case_("CreateBuild", "UTF-8: invalid in an unknown member", cbor().map(2).raw(name).text("x").raw(extra)
        .textUtf8(bytes(0xC0, 0x80))));
    // Truncated items, trailing bytes, a top level that is not a map.
    cases.add(case_("CreateBuild", "a map one pair short", cbor().map(2).raw(name).text("x")));
    cases.add(case_("CreateBuild", "a text shorter than declared", cbor().map(1).raw(name).head(CborBytes.TEXT, 10).raw('a', 'b', 'c')));
    cases.add(case_("ListBuilds", "an integer head cut short", cbor().map(1).raw(limit).raw(0x19, 0x00)));
    cases.add(case_("ListBuilds", "a key with no value", cbor().map(1).raw(limit)));
    cases.add(case_("CreateBuild", "an indefinite map never closed", cbor().beginMap().raw(name).text("x")));
    cases.add(case_("CreateBuild", "an indefinite text never closed", cbor().map(1).raw(name).initial(CborBytes.TEXT, 31).text("x")));
    cases.add(case_("ListBuilds", "a trailing byte", cbor().map(0).uint(0)));
    cases.add(case_("ListBuilds", "a second map after the first", cbor().map(1).raw(limit).uint(2).map(0)));
    cases.add(case_("ListBuilds", "a trailing break", cbor().map(0).end()));
    cases.add(case_("ListBuilds", "a top-level array", cbor().array(0)));
    cases.add(case_("ListBuilds", "a top-level array holding a map", cbor().array(1).map(1).raw(limit).uint(2)));
    cases.add(case_("ListBuilds", "a top-level text", cbor().text("Limit")));
    cases.add(case_("ListBuilds", "a top-level integer", cbor().uint(0)));
    cases.add(case_("ListBuilds", "a top-level null", cbor().nul()));
    cases.add(case_("ListBuilds", "a top-level map under a tag other than 55799", cbor().tag(24).map(0)));
    cases.add(case_("ListBuilds", "a self-described top-level array", cbor().selfDescribed().array(0)));
    // Nesting and declared lengths beyond bounds.
    cases.add(case_("ListBuilds", "nesting depth 65", cbor().map(1).raw(extra).raw(nested(64))));
    cases.add(case_("ListBuilds", "nesting depth 65 in indefinite maps", cbor().map(1).raw(extra).raw(nestedMaps(64))));
    cases.add(case_("ListBuilds", "nesting depth 100000", cbor().map(1).raw(extra).raw(nested(100_000))));
    cases.add(case_("ListBuilds", "nesting depth 65 at the top, no known member", cbor().raw(nestedMaps(65))));
    cases.add(case_("CreateBuild", "a text declaring 2^64-1 bytes", cbor().map(1).raw(name).head(CborBytes.TEXT, -1L).raw('a')));
    cases.add(case_("CreateBuild", "a text declaring 2^31-1 bytes", cbor().map(1).raw(name).head(CborBytes.TEXT, Integer.MAX_VALUE)
        .raw('a')));
    cases.add(case_("CreateBuild", "a byte string declaring 2^63 bytes", cbor().map(1).raw(extra).head(CborBytes.BYTES, Long.MIN_VALUE)));
    cases.add(case_("CreateBuild", "a byte string declaring 100000 bytes", cbor().map(1).raw(extra).head(CborBytes.BYTES, 100_000)
        .raw(new byte[500])));
    cases.add(case_("ListBuilds", "an array declaring 2^64-1 items", cbor().map(1).raw(extra).array(-1L).uint(0)));
    cases.add(case_("ListBuilds", "a map declaring 2^32 pairs", cbor().map(1).raw(extra).map(1L << 32)));
    cases.add(case_("ListBuilds", "a top-level map declaring 2^64-1 pairs", cbor().map(-1L).raw(limit).uint(2)));
    cases.add(case_("CreateBuild", "a chunk declaring 2^64-1 bytes", cbor().map(1).raw(name).initial(CborBytes.TEXT, 31)
        .head(CborBytes.TEXT, -1L).end()));
    cases.add(case_("ListBuilds", "a key declaring 2^32-1 bytes", cbor().map(1).head(CborBytes.TEXT, 0xFFFFFFFFL).raw(limit)));
    // Keys that are not text.
    cases.add(case_("ListBuilds", "an integer key", cbor().map(1).uint(1).uint(2)));
    cases.add(case_("ListBuilds", "a byte-string key spelling Limit", cbor().map(1).byteString("Limit".getBytes(StandardCharsets.UTF_8))
        .uint(2)));
    cases.add(case_("ListBuilds", "an array key", cbor().map(1).array(0).uint(2)));
    cases.add(case_("ListBuilds", "a null key", cbor().map(1).nul().uint(2)));
    cases.add(case_("CreateBuild", "an integer key inside a tag", cbor().map(1).text("Tags").array(1).map(1).uint(1).text("v")));
    cases.add(case_("ListBuilds", "an integer key inside an unknown member", cbor().map(1).raw(extra).map(1).uint(1).uint(2)));
    // Simple values, reserved additional information, misplaced breaks.
    cases.add(case_("ListBuilds", "simple value 16", cbor().map(1).raw(extra).simple(16)));
    cases.add(case_("ListBuilds", "simple value 0", cbor().map(1).raw(extra).simple(0)));
    cases.add(case_("ListBuilds", "simple value 255", cbor().map(1).raw(extra).simple(255)));
    cases.add(case_("ListBuilds", "simple value 20 in two bytes (not well-formed)", cbor().map(1).raw(extra).simpleTwoBytes(20)));
    cases.add(case_("ListBuilds", "Limit simple value 16", cbor().map(1).raw(limit).simple(16)));
    cases.add(case_("ListBuilds", "reserved additional information 28", cbor().map(1).raw(limit).initial(CborBytes.UNSIGNED, 28)));
    cases.add(case_("ListBuilds", "reserved additional information 29 on a text", cbor().map(1).raw(extra).initial(CborBytes.TEXT, 29)));
    cases.add(case_("ListBuilds", "reserved additional information 30 on a simple", cbor().map(1).raw(extra).initial(CborBytes.SIMPLE, 30)));
    cases.add(case_("ListBuilds", "additional information 31 on an integer", cbor().map(1).raw(limit).initial(CborBytes.UNSIGNED, 31)));
    cases.add(case_("ListBuilds", "additional information 31 on a tag", cbor().map(1).raw(extra).initial(CborBytes.TAG, 31).uint(0)));
    cases.add(case_("ListBuilds", "a break as a value", cbor().map(1).raw(extra).end()));
    cases.add(case_("ListBuilds", "a break in a definite array", cbor().map(1).raw(extra).array(2).uint(1).end()));
    cases.add(case_("ListBuilds", "a break at the top", cbor().end()));
    cases.add(case_("ListBuilds", "a break as a key in a definite map", cbor().map(1).end()));
    cases.add(case_("CreateBuild", "a byte chunk inside an indefinite text", cbor().map(1).raw(name).initial(CborBytes.TEXT, 31)
        .byteString(new byte[] {'a'}).end()));
    cases.add(case_("CreateBuild", "an indefinite chunk inside an indefinite text", cbor().map(1).raw(name).initial(CborBytes.TEXT, 31)
        .textChunks("a").end()));
    return cases.stream();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidBodies")
  void anyOperation_invalidEncoding_serializationException(String operation, String name, byte[] body) {
    Reply reply = CborCalls.call(hangar.endpoint(), operation, body);
    assertThat(reply.status()).as("%s -> %s", hex(body), reply.describe()).isEqualTo(400);
    assertThat(reply.header(CborCalls.PROTOCOL_HEADER)).contains(CborCalls.PROTOCOL);
    assertThat(reply.header("Content-Type")).contains(CborCalls.CONTENT_TYPE);
    assertThat(reply.header("x-amzn-RequestId")).isPresent();
    assertThat(reply.type()).as("%s -> %s", hex(body), reply.describe()).isEqualTo(SERIALIZATION);
    assertThat(reply.message()).isNotBlank();
  }

  // ---------------------------------------------------------------- hostile bodies against a 64 MiB node

  @Test
  void hostileBodies_jarWith64MiBHeap_eachRefusedByTheDecoderAndTheNodeStillServes() {
    long seed = Long.getLong("hangar.cbor.seed", System.nanoTime());
    System.out.println("CborEncodingIT hostile bodies: seed " + seed + " (rerun with -Dhangar.cbor.seed=" + seed + ")");
    Random random = new Random(seed);
    List<Hostile> bodies = new ArrayList<>();
    for (int i = 0; i < HOSTILE_BODIES; i++) {
      bodies.add(Hostile.next(random, i));
    }
    try (JarNode node = JarNode.start(dir.resolve("data"), List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"))) {
      List<String> wrong = new ArrayList<>();
      Map<String, Integer> perKind = new LinkedHashMap<>();
      for (int i = 0; i < bodies.size(); i++) {
        Hostile hostile = bodies.get(i);
        assertThat(hostile.body().length).as("case %d is under the body limit", i).isLessThanOrEqualTo(GameLiftHandler.MAX_BODY_BYTES);
        perKind.merge(hostile.kind(), 1, Integer::sum);
        Reply reply;
        try {
          reply = CborCalls.send(node.endpoint(), CborCalls.request(node.endpoint(), hostile.operation(), hostile.body()),
              Duration.ofSeconds(5));
        } catch (RuntimeException noAnswer) {
          throw new AssertionError("seed " + seed + ", case " + i + " (" + hostile.kind() + ", " + hostile.operation() + ", "
              + hostile.body().length + " bytes, starting " + hex(hostile.body()) + "): no answer within 5 s; node alive: "
              + node.isAlive() + "; stderr: " + tail(node.stderr()), noAnswer);
        }
        String type = reply.status() == 400 && isCbor(reply) ? reply.type() : null;
        if (type == null || !type.equals(hostile.expected())) {
          wrong.add("case " + i + " (" + hostile.kind() + ", " + hostile.operation() + ", " + hostile.body().length + " bytes, starting "
              + hex(hostile.body()) + "): expected " + hostile.expected() + ", got " + reply.describe());
        }
      }
      System.out.println("CborEncodingIT hostile bodies per kind: " + perKind);
      assertThat(wrong).as("seed %d: hostile bodies answered otherwise", seed).isEmpty();
      assertThat(perKind.keySet()).hasSize(Hostile.KINDS.size());

      Reply created = CborCalls.send(node.endpoint(), CborCalls.request(node.endpoint(), "CreateBuild",
          CborBytes.plain(Map.of("Name", "after the storm"))), Duration.ofSeconds(5));
      assertThat(created.status()).as(created.describe()).isEqualTo(200);
      Reply described = CborCalls.send(node.endpoint(), CborCalls.request(node.endpoint(), "DescribeBuild",
          CborBytes.plain(Map.of("BuildId", created.tree().get("Build").get("BuildId").asText()))), Duration.ofSeconds(5));
      assertThat(described.status()).as(described.describe()).isEqualTo(200);
      assertThat(described.tree().get("Build").get("Name").asText()).isEqualTo("after the storm");
      assertThat(node.isAlive()).isTrue();
      assertThat(node.stderr()).doesNotContain("OutOfMemoryError").doesNotContain("StackOverflowError");
    }
  }

  /**
   * One hostile body: what kind it is, the operation it is sent to, the bytes, and the error the decoder must
   * answer with. Every body is under the body limit; each kind's bodies are malformed or mistyped by
   * construction, so none can be valid by chance.
   */
  record Hostile(String kind, String operation, byte[] body, String expected) {
    static final List<String> KINDS = List.of("deep nesting", "huge declared length", "indefinite never closed", "invalid UTF-8",
        "wrong type", "long string", "truncated", "trailing bytes", "malformed head", "top level not a map");
    private static final List<String> OPERATIONS = List.of("CreateBuild", "DescribeBuild", "ListBuilds", "UpdateBuild", "DeleteBuild",
        "RequestUploadCredentials", "TagResource", "UntagResource", "ListTagsForResource");
    private static final int LIMIT = GameLiftHandler.MAX_BODY_BYTES;

    static Hostile next(Random r, int index) {
      String kind = KINDS.get(index % KINDS.size());
      String operation = OPERATIONS.get(r.nextInt(OPERATIONS.size()));
      return switch (kind) {
        case "deep nesting" -> new Hostile(kind, operation, deepNesting(r), SERIALIZATION);
        case "huge declared length" -> new Hostile(kind, operation, hugeLength(r), SERIALIZATION);
        case "indefinite never closed" -> new Hostile(kind, operation, neverClosed(r), SERIALIZATION);
        case "invalid UTF-8" -> invalidUtf8(r);
        case "wrong type" -> wrongType(r);
        case "long string" -> longString(r);
        case "truncated" -> {
          byte[] valid = validRequest(r);
          yield new Hostile(kind, operation, Arrays.copyOf(valid, 1 + r.nextInt(valid.length - 1)), SERIALIZATION);
        }
        case "trailing bytes" -> new Hostile(kind, operation, cbor().raw(validRequest(r)).raw(randomBytes(r, 1 + r.nextInt(64))).bytes(),
            SERIALIZATION);
        case "malformed head" -> new Hostile(kind, operation, malformedHead(r), SERIALIZATION);
        default -> new Hostile(kind, operation, notAMap(r), SERIALIZATION);
      };
    }

    private static byte[] deepNesting(Random r) {
      int depth = 65 + (int) Math.pow(2, r.nextDouble() * 16.5);
      boolean close = r.nextBoolean();
      CborBytes out = cbor().map(1).text(r.nextBoolean() ? "Tags" : "Unknown" + r.nextInt(10));
      List<Integer> closers = new ArrayList<>();
      for (int level = 0; level < depth && out.size() + 3 + closers.size() + 2 < LIMIT; level++) {
        switch (r.nextInt(4)) {
          case 0 -> out.array(1);
          case 1 -> {
            out.beginArray();
            closers.add(level);
          }
          case 2 -> out.map(1).text("k");
          default -> {
            out.beginMap().text("k");
            closers.add(level);
          }
        }
      }
      if (close) {
        out.uint(0);
        for (int i = 0; i < closers.size(); i++) {
          out.end();
        }
      }
      return out.bytes();
    }

    private static long hugeArgument(Random r) {
      return switch (r.nextInt(8)) {
        case 0 -> -1L;
        case 1 -> Long.MIN_VALUE;
        case 2 -> Long.MAX_VALUE;
        case 3 -> 0xFFFFFFFFL;
        case 4 -> Integer.MAX_VALUE;
        case 5 -> 1L << 31;
        case 6 -> 2048 + r.nextInt(1 << 24);
        default -> r.nextLong() | (1L << 40);
      };
    }

    private static byte[] hugeLength(Random r) {
      long argument = hugeArgument(r);
      int major = new int[] {CborBytes.BYTES, CborBytes.TEXT, CborBytes.ARRAY, CborBytes.MAP}[r.nextInt(4)];
      Width width = r.nextBoolean() ? Width.EIGHT : Width.SHORTEST;
      CborBytes out = cbor();
      switch (r.nextInt(4)) {
        case 0 -> out.head(major, argument, width);
        case 1 -> out.map(2).text("Limit").uint(1 + r.nextInt(50)).text("Name").head(major, argument, width);
        case 2 -> out.map(1).head(CborBytes.TEXT, argument, width);
        default -> out.beginMap().text("Extra").initial(r.nextBoolean() ? CborBytes.BYTES : CborBytes.TEXT, 31)
            .head(r.nextBoolean() ? CborBytes.BYTES : CborBytes.TEXT, argument, width);
      }
      return out.raw(randomBytes(r, r.nextInt(900))).bytes();
    }

    private static byte[] neverClosed(Random r) {
      CborBytes out = cbor();
      switch (r.nextInt(5)) {
        case 0 -> out.beginMap().text("Name").text("open").text("Version").text("1");
        case 1 -> out.map(1).text("Tags").beginArray().map(2).text("Key").text("k").text("Value").text("v");
        case 2 -> out.map(1).text("Name").initial(CborBytes.TEXT, 31).text("never").text("closed");
        case 3 -> out.map(1).text("Blob").initial(CborBytes.BYTES, 31).byteString(randomBytes(r, r.nextInt(100)));
        default -> {
          out.map(1).text("Extra");
          int depth = 1 + r.nextInt(40);
          for (int i = 0; i < depth; i++) {
            if (r.nextBoolean()) {
              out.beginArray().uint(r.nextInt(1000));
            } else {
              out.beginMap().text("k" + i).text("v");
              out.text("next");
            }
          }
        }
      }
      return out.bytes();
    }

    private static byte[] badUtf8(Random r) {
      return switch (r.nextInt(9)) {
        case 0 -> bytes(0x80 + r.nextInt(64));
        case 1 -> bytes(0xF8 + r.nextInt(8));
        case 2 -> bytes(0xC0 + r.nextInt(2), 0x80 + r.nextInt(64));
        case 3 -> bytes(0xE0, 0x80 + r.nextInt(32), 0x80 + r.nextInt(64));
        case 4 -> bytes(0xF0, 0x80 + r.nextInt(16), 0x80 + r.nextInt(64), 0x80 + r.nextInt(64));
        case 5 -> bytes(0xED, 0xA0 + r.nextInt(32), 0x80 + r.nextInt(64));
        case 6 -> bytes(0xF4, 0x90 + r.nextInt(48), 0x80 + r.nextInt(64), 0x80 + r.nextInt(64));
        case 7 -> bytes(0xC2 + r.nextInt(30), r.nextBoolean() ? r.nextInt(0x80) : 0xC0 + r.nextInt(64));
        default -> bytes(0xE1 + r.nextInt(12), 0x80 + r.nextInt(64), 'x');
      };
    }

    private static Hostile invalidUtf8(Random r) {
      byte[] text = cbor().raw(randomText(r, r.nextInt(40)).getBytes(StandardCharsets.UTF_8)).raw(badUtf8(r))
          .raw(randomText(r, r.nextInt(40)).getBytes(StandardCharsets.UTF_8)).bytes();
      return switch (r.nextInt(5)) {
        case 0 -> new Hostile("invalid UTF-8", "CreateBuild", cbor().map(1).text("Name").textUtf8(text).bytes(), SERIALIZATION);
        case 1 -> new Hostile("invalid UTF-8", "DescribeBuild", cbor().map(1).text("BuildId").textUtf8(text).bytes(), SERIALIZATION);
        case 2 -> new Hostile("invalid UTF-8", "ListBuilds", cbor().map(1).textUtf8(text).uint(1).bytes(), SERIALIZATION);
        case 3 -> new Hostile("invalid UTF-8", "TagResource", cbor().map(2).text("ResourceARN").text("arn:aws:gamelift:us-west-2::build/x")
            .text("Tags").array(1).map(2).text("Key").textUtf8(text).text("Value").text("v").bytes(), SERIALIZATION);
        default -> new Hostile("invalid UTF-8", "CreateBuild", cbor().map(1).text("Version").initial(CborBytes.TEXT, 31).text("ok")
            .textUtf8(text).text("ok").end().bytes(), SERIALIZATION);
      };
    }

    /** A value of any CBOR type but those of {@code avoid} (major types; 7 for floats and booleans, -1 for a tag). */
    private static CborBytes otherThan(Random r, int... avoid) {
      while (true) {
        int pick = r.nextInt(12);
        CborBytes out = cbor();
        int major = switch (pick) {
          case 0 -> {
            out.uint(r.nextInt(1000));
            yield CborBytes.UNSIGNED;
          }
          case 1 -> {
            out.negative(r.nextInt(1000));
            yield CborBytes.NEGATIVE;
          }
          case 2 -> {
            out.byteString(randomBytes(r, r.nextInt(20)));
            yield CborBytes.BYTES;
          }
          case 3 -> {
            out.text(randomText(r, r.nextInt(20)));
            yield CborBytes.TEXT;
          }
          case 4 -> {
            out.array(1).text("x");
            yield CborBytes.ARRAY;
          }
          case 5 -> {
            out.map(1).text("x").uint(1);
            yield CborBytes.MAP;
          }
          case 6 -> {
            out.tag(r.nextInt(50)).text("x");
            yield -1;
          }
          case 7 -> {
            out.half(1.5f);
            yield CborBytes.SIMPLE;
          }
          case 8 -> {
            out.single(r.nextFloat() * 100);
            yield CborBytes.SIMPLE;
          }
          case 9 -> {
            out.dbl(r.nextDouble() * 1e6);
            yield CborBytes.SIMPLE;
          }
          case 10 -> {
            out.bool(r.nextBoolean());
            yield CborBytes.SIMPLE;
          }
          default -> {
            out.byteChunks(randomBytes(r, 3), randomBytes(r, 2));
            yield CborBytes.BYTES;
          }
        };
        int found = major;
        if (Arrays.stream(avoid).noneMatch(a -> a == found)) {
          return out;
        }
      }
    }

    private static Hostile wrongType(Random r) {
      String kind = "wrong type";
      return switch (r.nextInt(8)) {
        case 0 -> new Hostile(kind, "CreateBuild", cbor().map(1).text(List.of("Name", "Version", "OperatingSystem", "ServerSdkVersion")
            .get(r.nextInt(4))).raw(otherThan(r, CborBytes.TEXT)).bytes(), SERIALIZATION);
        case 1 -> new Hostile(kind, "DescribeBuild", cbor().map(1).text("BuildId").raw(otherThan(r, CborBytes.TEXT)).bytes(), SERIALIZATION);
        case 2 -> {
          long beyondInt = (1L << 31) + (r.nextLong() >>> 1);
          CborBytes value = switch (r.nextInt(4)) {
            case 0 -> cbor().uint(beyondInt);
            case 1 -> cbor().negative(beyondInt);
            default -> otherThan(r, CborBytes.UNSIGNED, CborBytes.NEGATIVE);
          };
          yield new Hostile(kind, "ListBuilds", cbor().map(1).text("Limit").raw(value).bytes(), SERIALIZATION);
        }
        case 3 -> new Hostile(kind, "CreateBuild", cbor().map(1).text("Tags").raw(otherThan(r, CborBytes.ARRAY)).bytes(), SERIALIZATION);
        case 4 -> new Hostile(kind, "CreateBuild", cbor().map(1).text("Tags").array(1).raw(otherThan(r, CborBytes.MAP)).bytes(),
            SERIALIZATION);
        case 5 -> new Hostile(kind, "UntagResource", cbor().map(2).text("ResourceARN").text("arn:aws:gamelift:us-west-2::build/x")
            .text("TagKeys").array(1).raw(otherThan(r, CborBytes.TEXT)).bytes(), SERIALIZATION);
        case 6 -> new Hostile(kind, "CreateBuild", cbor().map(1).text("StorageLocation").raw(otherThan(r, CborBytes.MAP)).bytes(),
            SERIALIZATION);
        default -> new Hostile(kind, "ListBuilds", cbor().map(1).text(r.nextBoolean() ? "Status" : "NextToken")
            .raw(otherThan(r, CborBytes.TEXT)).bytes(), SERIALIZATION);
      };
    }

    private static Hostile longString(Random r) {
      String kind = "long string";
      int target = 8400 + r.nextInt(LIMIT - 8400 - 512); // at least 2100 code points, and 1050 in half of it
      StringBuilder text = new StringBuilder();
      int utf8 = 0;
      while (utf8 < target) {
        int codePoint = randomCodePoint(r);
        text.appendCodePoint(codePoint);
        utf8 += new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      }
      String value = text.toString();
      String member = r.nextBoolean() ? "Name" : "Version";
      return switch (r.nextInt(5)) {
        case 0 -> new Hostile(kind, "CreateBuild", cbor().map(1).text(member).text(value).bytes(), INVALID_REQUEST);
        case 1 -> {
          // Chunks of one ASCII character double the size: write half as much.
          String half = value.substring(0, value.offsetByCodePoints(0, value.codePointCount(0, value.length()) / 2));
          yield new Hostile(kind, "CreateBuild", cbor().map(1).text(member).textChunked(half, 1 + r.nextInt(5000)).bytes(),
              INVALID_REQUEST);
        }
        case 2 -> new Hostile(kind, "CreateBuild", cbor().map(1).text(member).byteString(value.getBytes(StandardCharsets.UTF_8)).bytes(),
            SERIALIZATION);
        case 3 -> {
          byte[] spoiled = value.getBytes(StandardCharsets.UTF_8);
          spoiled[r.nextInt(spoiled.length)] = (byte) 0xFF;
          yield new Hostile(kind, "CreateBuild", cbor().map(1).text(member).textUtf8(spoiled).bytes(), SERIALIZATION);
        }
        default -> new Hostile(kind, "ListBuilds", cbor().map(2).text("Unknown").text(value).text("Limit").text("1").bytes(), SERIALIZATION);
      };
    }

    private static byte[] malformedHead(Random r) {
      CborBytes bad = switch (r.nextInt(7)) {
        case 0 -> cbor().initial(r.nextInt(8), 28 + r.nextInt(3));
        case 1 -> cbor().end();
        case 2 -> cbor().simpleTwoBytes(r.nextInt(32));
        case 3 -> cbor().simple(r.nextInt(20));
        case 4 -> cbor().simple(24 + r.nextInt(232));
        case 5 -> cbor().initial(new int[] {CborBytes.UNSIGNED, CborBytes.NEGATIVE, CborBytes.TAG}[r.nextInt(3)], 31);
        default -> cbor().initial(CborBytes.TEXT, 31).raw(otherThan(r, CborBytes.TEXT)).end();
      };
      return switch (r.nextInt(4)) {
        case 0 -> cbor().map(1).text("Name").raw(bad).bytes();
        case 1 -> cbor().map(2).text("Limit").uint(3).text("Extra").array(2).uint(1).raw(bad).bytes();
        case 2 -> cbor().map(1).raw(bad).text("x").bytes();
        default -> cbor().beginMap().text("Tags").beginArray().raw(bad).end().end().bytes();
      };
    }

    private static byte[] notAMap(Random r) {
      CborBytes out = cbor();
      if (r.nextBoolean()) {
        out.selfDescribed();
      }
      switch (r.nextInt(6)) {
        case 0 -> out.array(1).map(1).text("Limit").uint(1);
        case 1 -> out.text(randomText(r, r.nextInt(30)));
        case 2 -> out.uint(r.nextInt(100_000));
        case 3 -> out.tag(1 + r.nextInt(1000)).map(0);
        case 4 -> out.raw(otherThan(r, CborBytes.MAP));
        default -> {
          byte[] garbage = randomBytes(r, 1 + r.nextInt(200));
          int initial;
          do {
            initial = r.nextInt(256);
          } while (initial >>> 5 == CborBytes.MAP || initial >>> 5 == CborBytes.TAG);
          garbage[0] = (byte) initial;
          out.raw(garbage);
        }
      }
      return out.bytes();
    }

    /** A random valid request body (CreateBuild's members and unknown ones), in a random style. */
    private static byte[] validRequest(Random r) {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("Name", randomText(r, 1 + r.nextInt(30)));
      if (r.nextBoolean()) {
        request.put("Version", randomText(r, 1 + r.nextInt(10)));
      }
      List<Object> tags = new ArrayList<>();
      for (int i = r.nextInt(4); i > 0; i--) {
        tags.add(ordered("Key", "k" + i, "Value", randomText(r, r.nextInt(10))));
      }
      request.put("Tags", tags);
      if (r.nextBoolean()) {
        request.put("Extra", List.of(r.nextLong(), randomBytes(r, r.nextInt(20)), Map.of("x", randomText(r, 5))));
      }
      Style style = new Style(r.nextBoolean(), r.nextBoolean(), r.nextBoolean() ? 0 : 1 + r.nextInt(5), r.nextBoolean(),
          Width.values()[r.nextInt(Width.values().length)], r.nextBoolean());
      return encode(request, style);
    }

    private static byte[] randomBytes(Random r, int length) {
      byte[] bytes = new byte[length];
      r.nextBytes(bytes);
      return bytes;
    }

    private static String randomText(Random r, int codePoints) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < codePoints; i++) {
        text.appendCodePoint(randomCodePoint(r));
      }
      return text.toString();
    }

    private static int randomCodePoint(Random r) {
      return switch (r.nextInt(4)) {
        case 0 -> 0x20 + r.nextInt(0x5F);
        case 1 -> 0xA0 + r.nextInt(0x700);
        case 2 -> 0x4E00 + r.nextInt(0x5000);
        default -> 0x1F300 + r.nextInt(0x300);
      };
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Arguments case_(String operation, String name, CborBytes body) {
    return Arguments.of(operation, name, body.bytes());
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  /** {@code depth} definite arrays, each holding the next, the innermost holding 0. */
  private static byte[] nested(int depth) {
    CborBytes out = cbor();
    for (int i = 0; i < depth; i++) {
      out.array(1);
    }
    return out.uint(0).bytes();
  }

  /** {@code depth} indefinite maps, each holding the next under "k", all closed. */
  private static byte[] nestedMaps(int depth) {
    CborBytes out = cbor();
    for (int i = 0; i < depth; i++) {
      out.beginMap().text("k");
    }
    out.uint(0);
    for (int i = 0; i < depth; i++) {
      out.end();
    }
    return out.bytes();
  }

  /** A map in the order given: key, value, key, value… */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** The request with unknown members before and after its own: nested maps and arrays, byte strings, every scalar. */
  private static Map<String, Object> withUnknownMembers(Map<String, Object> request) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("AUnknownFirst", ordered(
        "ints", List.of(0, 23, 24, 255, 256, 65_535, 65_536, 4_294_967_296L, Long.MAX_VALUE, -1, -25, Long.MIN_VALUE),
        "floats", List.of(new Raw(cbor().half(1.5f).bytes()), new Raw(cbor().single(3.25f).bytes()), new Raw(cbor().dbl(-1e300).bytes()),
            new Raw(cbor().halfBits(0x7E00).bytes())),
        "simple", List.of(true, false, new Raw(cbor().nul().bytes()), UNDEFINED),
        "bytes", List.of(new byte[0], new byte[] {0, (byte) 0xFF, 0x7F}, new Raw(cbor().byteChunks(new byte[] {1}, new byte[0]).bytes())),
        "texts", List.of("", "BuildId", "Name", "ünïcødé"),
        "nested", ordered("a", List.of(List.of(), ordered(), ordered("b", List.of(ordered("c", "d"))))),
        "Limit", "a known name, one level down"));
    map.putAll(request);
    map.put("zzUnknownLast", new byte[] {(byte) 0xA0, (byte) 0xFF});
    return map;
  }

  /** The same request written in each style of {@link Style}, one change at a time. */
  private static List<Variant> styles(Map<String, Object> request) {
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("plain again", encode(request, Style.PLAIN)));
    variants.add(new Variant("indefinite maps", encode(request, Style.PLAIN.maps())));
    variants.add(new Variant("indefinite arrays", encode(request, Style.PLAIN.arrays())));
    variants.add(new Variant("texts in chunks of 1", encode(request, Style.PLAIN.chunks(1, false))));
    variants.add(new Variant("texts and keys in chunks of 3", encode(request, Style.PLAIN.chunks(3, true))));
    for (Width width : new Width[] {Width.ONE, Width.TWO, Width.FOUR, Width.EIGHT}) {
      variants.add(new Variant("every head at least " + width + " bytes wide", encode(request, Style.PLAIN.width(width))));
    }
    variants.add(new Variant("self-described (tag 55799)", encode(request, Style.PLAIN.tagged())));
    return variants;
  }

  private static byte[] encode(Object tree, Style style) {
    CborBytes out = cbor();
    if (style.selfDescribed()) {
      out.selfDescribed();
    }
    write(out, tree, style);
    return out.bytes();
  }

  private static void write(CborBytes out, Object value, Style style) {
    if (value instanceof Raw raw) {
      out.raw(raw.bytes());
    } else if (value == UNDEFINED) {
      out.undefined();
    } else if (value == null) {
      out.nul();
    } else if (value instanceof String text) {
      if (style.chunk() > 0) {
        out.textChunked(text, style.chunk());
      } else {
        out.text(text, at(style.width(), text.getBytes(StandardCharsets.UTF_8).length));
      }
    } else if (value instanceof Integer || value instanceof Long) {
      long number = ((Number) value).longValue();
      long argument = number >= 0 ? number : -1 - number;
      out.head(number >= 0 ? CborBytes.UNSIGNED : CborBytes.NEGATIVE, argument, at(style.width(), argument));
    } else if (value instanceof Boolean bool) {
      out.bool(bool);
    } else if (value instanceof byte[] bytes) {
      out.byteString(bytes, at(style.width(), bytes.length));
    } else if (value instanceof List<?> list) {
      if (style.indefiniteArrays()) {
        out.beginArray();
      } else {
        out.array(list.size(), at(style.width(), list.size()));
      }
      list.forEach(item -> write(out, item, style));
      if (style.indefiniteArrays()) {
        out.end();
      }
    } else if (value instanceof Map<?, ?> map) {
      if (style.indefiniteMaps()) {
        out.beginMap();
      } else {
        out.map(map.size(), at(style.width(), map.size()));
      }
      map.forEach((key, item) -> {
        if (style.chunkKeys() && style.chunk() > 0) {
          out.textChunked((String) key, style.chunk());
        } else {
          out.text((String) key, at(style.width(), ((String) key).getBytes(StandardCharsets.UTF_8).length));
        }
        write(out, item, style);
      });
      if (style.indefiniteMaps()) {
        out.end();
      }
    } else {
      throw new IllegalArgumentException("no CBOR for " + value.getClass());
    }
  }

  /** {@code wanted}, or wider when the argument does not fit in it. */
  private static Width at(Width wanted, long argument) {
    Width[] widths = {Width.INLINE, Width.ONE, Width.TWO, Width.FOUR, Width.EIGHT};
    long[] limits = {23, 0xFF, 0xFFFF, 0xFFFFFFFFL, -1L};
    if (wanted == Width.SHORTEST) {
      return Width.SHORTEST;
    }
    for (int i = Arrays.asList(widths).indexOf(wanted); i < widths.length; i++) {
      if (Long.compareUnsigned(argument, limits[i]) <= 0) {
        return widths[i];
      }
    }
    return Width.EIGHT;
  }

  private static JsonNode created(Map<String, Object> request) {
    return ok("CreateBuild", CborBytes.plain(request)).tree();
  }

  private static Reply ok(String operation, byte[] body) {
    Reply reply = CborCalls.call(hangar.endpoint(), operation, body);
    assertThat(reply.status()).as("%s %s -> %s", operation, hex(body), reply.describe()).isEqualTo(200);
    assertThat(reply.header(CborCalls.PROTOCOL_HEADER)).contains(CborCalls.PROTOCOL);
    assertThat(reply.header("Content-Type")).contains(CborCalls.CONTENT_TYPE);
    return reply;
  }

  private static void assertSameReplies(List<Variant> variants, String operation, JsonNode expected) {
    SoftAssertions soft = new SoftAssertions();
    for (Variant variant : variants) {
      Reply reply = CborCalls.call(hangar.endpoint(), operation, variant.body());
      soft.assertThat(reply.status()).as("%s (%s): %s", variant.name(), hex(variant.body()), reply.describe()).isEqualTo(200);
      if (reply.status() == 200) {
        soft.assertThat(reply.tree()).as(variant.name()).isEqualTo(expected);
      }
    }
    soft.assertAll();
  }

  /** A CreateBuild reply with what differs from build to build replaced by a placeholder. */
  private static JsonNode masked(JsonNode reply) {
    JsonNode copy = reply.deepCopy();
    mask(copy);
    return copy;
  }

  private static void mask(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (PER_BUILD.contains(name)) {
          object.set(name, TextNode.valueOf("<per build>"));
        } else {
          mask(object.get(name));
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(CborEncodingIT::mask);
    }
  }

  /** The tags of the build a CreateBuild reply describes, read back with a plain ListTagsForResource. */
  private static JsonNode tags(JsonNode createReply) {
    String arn = createReply.get("Build").get("BuildArn").asText();
    return ok("ListTagsForResource", CborBytes.plain(Map.of("ResourceARN", arn))).tree().get("Tags");
  }

  private static boolean isCbor(Reply reply) {
    try {
      reply.tree();
      return reply.header(CborCalls.PROTOCOL_HEADER).filter(CborCalls.PROTOCOL::equals).isPresent()
          && reply.header("Content-Type").filter(CborCalls.CONTENT_TYPE::equals).isPresent();
    } catch (RuntimeException notCbor) {
      return false;
    }
  }

  private static String hex(byte[] body) {
    return HexFormat.of().formatHex(body, 0, Math.min(body.length, 48)) + (body.length > 48 ? "…" : "");
  }

  private static String tail(String text) {
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }
}
