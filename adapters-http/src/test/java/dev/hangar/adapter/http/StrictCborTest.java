package dev.hangar.adapter.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the strict pass lets through to Jackson, and what it refuses: the bytes are written out in hex. */
class StrictCborTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "empty map, a0",
      "definite map of a text and an int, a2 614e 6178 614c 01",
      "indefinite map, bf 614e 6178 ff",
      "indefinite text in chunks, a1 614e 7f 6178 6179 ff",
      "indefinite byte string in chunks, a1 6142 5f 4101 4102 ff",
      "indefinite array, a1 6154 9f a0 a0 ff",
      "integer widths, a4 6141 1801 6142 190001 6143 1a00000001 6144 1b0000000000000001",
      "largest unsigned and negative integers, a2 6141 1bffffffffffffffff 6142 3bffffffffffffffff",
      "self-described tag on the map, d9d9f7 a1 614e 6178",
      "self-described tag on a member, a1 614e d9d9f7 6178",
      "floats of three widths, a3 6141 f93c00 6142 fa3f800000 6143 fb3ff0000000000000",
      "false true null undefined, a4 6141 f4 6142 f5 6143 f6 6144 f7",
      "four-byte utf-8, a1 614e 64f09f9880",
  })
  void check_validBody_accepted(String name, String hex) {
    assertThatCode(() -> StrictCbor.check(bytes(hex))).as(name).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "nothing, '', ends before",
      "top-level array, 80, must be a CBOR map",
      "top-level text, 6178, must be a CBOR map",
      "trailing bytes, a0 00, bytes follow",
      "two maps, a0 a0, bytes follow",
      "truncated map, a2 614e 6178, ends",
      "truncated head, a1 614e 19 01, ends inside an item's head",
      "text longer than the body, a1 614e 7a7fffffff 41, declares 2147483647",
      "text declaring 2^64-1 bytes, a1 614e 7bffffffffffffffff 41, declares 18446744073709551615",
      "bytes declaring 2^64-1 bytes, a1 614e 5bffffffffffffffff 41, declares 18446744073709551615",
      "array declaring 2^64-1 items, a1 614e 9bffffffffffffffff 00, declares 18446744073709551615",
      "map declaring 2^32 pairs, bb0000000100000000 00, declares 4294967296",
      "indefinite map never closed, bf 614e 6178, ends inside an indefinite",
      "indefinite text never closed, a1 614e 7f 6178, ends inside an indefinite",
      "text chunk of another type, a1 614e 7f 4178 ff, another major type",
      "nested indefinite chunk, a1 614e 7f 7f ff ff, itself indefinite",
      "integer key, a1 01 01, map key must be a text string",
      "byte string key, a1 414e 01, map key must be a text string",
      "tagged key, a1 c1 614e 01, map key must be a text string",
      "epoch tag on a member, a1 614c c1 01, CBOR tag 1",
      "bignum tag on a member, a1 614c c2 4101, CBOR tag 2",
      "tag too large for a long, a1 614c dbffffffffffffffff 01, CBOR tag 18446744073709551615",
      "tag on the map, c0 a0, CBOR tag 0",
      "simple value 16, a1 614c f0, simple value 16",
      "two-byte simple value, a1 614c f820, simple value in two bytes",
      "reserved info 28, a1 614c 1c, reserved additional information 28",
      "reserved simple 28, a1 614c fc, reserved additional information 28",
      "indefinite integer, a1 614c 1f, indefinite length",
      "break outside indefinite, a1 614c ff, break code",
      "bad continuation byte, a1 614e 62c328, not valid UTF-8",
      "overlong nul, a1 614e 62c080, not valid UTF-8",
      "overlong three-byte, a1 614e 63e08080, not valid UTF-8",
      "encoded surrogate, a1 614e 63eda080, not valid UTF-8",
      "above U+10FFFF, a1 614e 64f4908080, not valid UTF-8",
      "cut-off sequence, a1 614e 62e282, not valid UTF-8",
      "invalid utf-8 in a key, a1 62c328 01, not valid UTF-8",
      "invalid utf-8 in a chunk, a1 614e 7f 6178 61ff ff, not valid UTF-8",
      "half float cut short, a1 614c f93c, ends inside a half-precision float",
  })
  void check_malformedBody_refusedWithReason(String name, String hex, String reason) {
    assertThatThrownBy(() -> StrictCbor.check(bytes(hex))).as(name)
        .isInstanceOf(StrictCbor.MalformedCborException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void check_nestedToTheBound_accepted() {
    assertThatCode(() -> StrictCbor.check(nested(StrictCbor.MAX_DEPTH))).doesNotThrowAnyException();
  }

  @Test
  void check_nestedBeyondBound_refused() {
    assertThatThrownBy(() -> StrictCbor.check(nested(StrictCbor.MAX_DEPTH + 1)))
        .hasMessageContaining("nested deeper than " + StrictCbor.MAX_DEPTH);
  }

  /** A map whose one member holds arrays in arrays, the innermost item at {@code depth} (the map is at 0). */
  private static byte[] nested(int depth) {
    byte[] body = new byte[3 + depth];
    body[0] = (byte) 0xA1;
    body[1] = 0x61;
    body[2] = 'A';
    java.util.Arrays.fill(body, 3, body.length - 1, (byte) 0x81);
    body[body.length - 1] = (byte) 0xA0;
    return body;
  }

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }
}
