package dev.hangar.adapter.http;

/**
 * Checks that a request body is one well-formed, valid CBOR item (RFC 8949) of the kinds a Smithy RPC v2 CBOR
 * request may hold, before Jackson's parser reads it. Jackson's CBOR parser is lenient where the protocol is
 * not: it reads a simple value as an integer, an integer map key as a name, a bignum tag as an integer, drops a
 * tag too large for a {@code long}, and decodes overlong UTF-8 and encoded surrogates. This pass refuses each
 * of those, so what Jackson then sees is strictly the data model of the protocol.
 *
 * <p>Accepted: definite and indefinite lengths (maps, arrays, byte and text strings made of definite chunks of
 * their own type), integers of every width, half, single and double floats, {@code false}, {@code true},
 * {@code null}, {@code undefined}, and the self-described CBOR tag 55799 on any item. Refused: any other tag or
 * simple value, a map key that is not a text string, invalid UTF-8 in a text string or chunk, a reserved
 * additional-information value, a break outside an indefinite item, a truncated item, bytes after the item, a
 * top-level item that is not a map, and nesting deeper than {@link #MAX_DEPTH}. A declared length or item count
 * is compared with the bytes left before anything is read for it, so nothing is allocated from a declaration.
 * Runs in one pass over the array, without allocating.
 */
final class StrictCbor {
  /** Deeper than any GameLift input (a map, a list of tag maps): room for unknown members, a bound for the rest. */
  static final int MAX_DEPTH = 64;
  static final int SELF_DESCRIBED_TAG = 55799;

  private static final int BREAK = 0xFF;

  /** Why a body is refused; the message is safe to send: it names a position, never the bytes themselves. */
  static final class MalformedCborException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedCborException(String message) {
      super(message, null, false, false);
    }
  }

  private final byte[] bytes;
  private int position;

  private StrictCbor(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Throws unless {@code body} is exactly one valid item, a map (possibly tagged 55799). */
  static void check(byte[] body) throws MalformedCborException {
    StrictCbor reader = new StrictCbor(body);
    reader.requireMapAhead();
    reader.position = 0;
    reader.item(0);
    if (reader.position != body.length) {
      throw reader.fail("bytes follow the request's map");
    }
  }

  private void requireMapAhead() throws MalformedCborException {
    while (position < bytes.length && (bytes[position] & 0xFF) >>> 5 == 6) {
      long tag = argument(next());
      if (tag != SELF_DESCRIBED_TAG) {
        throw fail("CBOR tag " + Long.toUnsignedString(tag) + " is not allowed in a request");
      }
    }
    if (position >= bytes.length) {
      throw fail("the body ends before its first item");
    }
    if ((bytes[position] & 0xFF) >>> 5 != 5) {
      throw fail("the body must be a CBOR map of the input's members");
    }
  }

  private void item(int depth) throws MalformedCborException {
    if (depth > MAX_DEPTH) {
      throw fail("items are nested deeper than " + MAX_DEPTH);
    }
    int initial = next();
    int major = initial >>> 5;
    int info = initial & 0x1F;
    switch (major) {
      case 0, 1 -> {
        if (info == 31) {
          throw fail("an integer cannot have an indefinite length");
        }
        argument(initial);
      }
      case 2, 3 -> string(initial, major);
      case 4 -> {
        if (info == 31) {
          while (!breakNext()) {
            item(depth + 1);
          }
        } else {
          long count = argument(initial);
          requireAvailable(count, "array");
          for (long i = 0; i < count; i++) {
            item(depth + 1);
          }
        }
      }
      case 5 -> {
        if (info == 31) {
          while (!breakNext()) {
            key();
            item(depth + 1);
          }
        } else {
          long count = argument(initial);
          requireAvailable(count, "map");
          for (long i = 0; i < count; i++) {
            key();
            item(depth + 1);
          }
        }
      }
      case 6 -> {
        long tag = argument(initial);
        if (tag != SELF_DESCRIBED_TAG) {
          throw fail("CBOR tag " + Long.toUnsignedString(tag) + " is not allowed in a request");
        }
        item(depth + 1);
      }
      default -> simple(initial, info);
    }
  }

  private void key() throws MalformedCborException {
    if (position >= bytes.length) {
      throw fail("the body ends inside a map");
    }
    int initial = bytes[position] & 0xFF;
    if (initial >>> 5 != 3) {
      throw fail("a map key must be a text string");
    }
    position++;
    string(initial, 3);
  }

  private void simple(int initial, int info) throws MalformedCborException {
    switch (info) {
      case 20, 21, 22, 23 -> {
        // false, true, null, undefined
      }
      case 25 -> skip(2, "half-precision float");
      case 26 -> skip(4, "single-precision float");
      case 27 -> skip(8, "double-precision float");
      case 31 -> throw fail("a break code stands outside an indefinite-length item");
      case 28, 29, 30 -> throw fail("reserved additional information " + info);
      default -> throw fail("simple value " + (info == 24 ? "in two bytes" : String.valueOf(info)) + " is not allowed in a request");
    }
  }

  private void string(int initial, int major) throws MalformedCborException {
    if ((initial & 0x1F) != 31) {
      chunk(initial, major);
      return;
    }
    while (!breakNext()) {
      int chunk = next();
      if (chunk >>> 5 != major) {
        throw fail("a chunk of an indefinite-length string has another major type");
      }
      if ((chunk & 0x1F) == 31) {
        throw fail("a chunk of an indefinite-length string is itself indefinite");
      }
      chunk(chunk, major);
    }
  }

  private void chunk(int initial, int major) throws MalformedCborException {
    long length = argument(initial);
    requireAvailable(length, major == 3 ? "text string" : "byte string");
    int start = position;
    position += (int) length;
    if (major == 3) {
      requireUtf8(start, position);
    }
  }

  /** The argument of an initial byte whose additional information is 0..27; 28..31 are refused here. */
  private long argument(int initial) throws MalformedCborException {
    int info = initial & 0x1F;
    if (info < 24) {
      return info;
    }
    int width = switch (info) {
      case 24 -> 1;
      case 25 -> 2;
      case 26 -> 4;
      case 27 -> 8;
      default -> throw fail(info == 31 ? "an indefinite length is not allowed here" : "reserved additional information " + info);
    };
    if (bytes.length - position < width) {
      throw fail("the body ends inside an item's head");
    }
    long value = 0;
    for (int i = 0; i < width; i++) {
      value = (value << 8) | (bytes[position++] & 0xFF);
    }
    return value;
  }

  /** Each of {@code count} items or bytes takes at least one byte, so a count beyond the bytes left is a lie. */
  private void requireAvailable(long count, String what) throws MalformedCborException {
    if (count < 0 || count > bytes.length - position) {
      throw fail("a " + what + " declares " + Long.toUnsignedString(count) + " items or bytes, more than the "
          + (bytes.length - position) + " left in the body");
    }
  }

  private boolean breakNext() throws MalformedCborException {
    if (position >= bytes.length) {
      throw fail("the body ends inside an indefinite-length item");
    }
    if ((bytes[position] & 0xFF) == BREAK) {
      position++;
      return true;
    }
    return false;
  }

  private int next() throws MalformedCborException {
    if (position >= bytes.length) {
      throw fail("the body ends before an item");
    }
    return bytes[position++] & 0xFF;
  }

  private void skip(int count, String what) throws MalformedCborException {
    if (bytes.length - position < count) {
      throw fail("the body ends inside a " + what);
    }
    position += count;
  }

  /** UTF-8 as RFC 3629 defines it: shortest forms only, no surrogates, nothing above U+10FFFF. */
  private void requireUtf8(int from, int to) throws MalformedCborException {
    int i = from;
    while (i < to) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int length;
      int min;
      int codePoint;
      if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
        min = 0x80;
        codePoint = b & 0x1F;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        min = 0x800;
        codePoint = b & 0x0F;
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        min = 0x10000;
        codePoint = b & 0x07;
      } else {
        throw fail("a text string is not valid UTF-8");
      }
      if (to - i < length) {
        throw fail("a text string is not valid UTF-8");
      }
      for (int k = 1; k < length; k++) {
        int continuation = bytes[i + k] & 0xFF;
        if ((continuation & 0xC0) != 0x80) {
          throw fail("a text string is not valid UTF-8");
        }
        codePoint = (codePoint << 6) | (continuation & 0x3F);
      }
      if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
        throw fail("a text string is not valid UTF-8");
      }
      i += length;
    }
  }

  private MalformedCborException fail(String reason) {
    return new MalformedCborException(reason + " (at byte " + position + ")");
  }
}
