package dev.hangar.bootstrap.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * CBOR (RFC 8949) written byte by byte, so that a test chooses every detail a client may choose and every
 * mistake it may make: the width of each head's argument, definite or indefinite lengths, how a string is cut
 * into chunks, tags, simple values, half/single/double floats, and raw bytes anywhere. It checks nothing: what
 * it is told to write is what it writes.
 */
public final class CborBytes {
  public static final int UNSIGNED = 0;
  public static final int NEGATIVE = 1;
  public static final int BYTES = 2;
  public static final int TEXT = 3;
  public static final int ARRAY = 4;
  public static final int MAP = 5;
  public static final int TAG = 6;
  public static final int SIMPLE = 7;
  /** The break byte that closes an indefinite-length item. */
  public static final int BREAK = 0xFF;
  /** The self-described CBOR tag, 0xD9D9F7 on the wire. */
  public static final long SELF_DESCRIBED = 55799;

  /** How a head's argument is written: in the initial byte (0..23), or in 1, 2, 4 or 8 following bytes. */
  public enum Width {
    /** The shortest form, as a preferred-serialization encoder writes it. */
    SHORTEST(-1),
    INLINE(0),
    ONE(24),
    TWO(25),
    FOUR(26),
    EIGHT(27);

    private final int additionalInfo;

    Width(int additionalInfo) {
      this.additionalInfo = additionalInfo;
    }
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public static CborBytes cbor() {
    return new CborBytes();
  }

  /** A copy of what has been written so far. */
  public byte[] bytes() {
    return out.toByteArray();
  }

  public int size() {
    return out.size();
  }

  /** A head: major type and argument ({@code argument} is read unsigned, so -1 is 2^64-1), at the given width. */
  public CborBytes head(int major, long argument, Width width) {
    Width w = width == Width.SHORTEST ? shortest(argument) : width;
    if (w == Width.INLINE) {
      if (Long.compareUnsigned(argument, 23) > 0) {
        throw new IllegalArgumentException("an inline argument is 0..23, not " + Long.toUnsignedString(argument));
      }
      out.write(major << 5 | (int) argument);
      return this;
    }
    out.write(major << 5 | w.additionalInfo);
    int length = 1 << (w.additionalInfo - 24);
    for (int i = length - 1; i >= 0; i--) {
      out.write((int) (argument >>> (8 * i)));
    }
    return this;
  }

  public CborBytes head(int major, long argument) {
    return head(major, argument, Width.SHORTEST);
  }

  /** An initial byte with an explicit additional information (28..30 are reserved, 31 is indefinite). */
  public CborBytes initial(int major, int additionalInfo) {
    out.write(major << 5 | additionalInfo);
    return this;
  }

  private static Width shortest(long argument) {
    if (Long.compareUnsigned(argument, 24) < 0) {
      return Width.INLINE;
    } else if (Long.compareUnsigned(argument, 0xFF) <= 0) {
      return Width.ONE;
    } else if (Long.compareUnsigned(argument, 0xFFFF) <= 0) {
      return Width.TWO;
    } else if (Long.compareUnsigned(argument, 0xFFFFFFFFL) <= 0) {
      return Width.FOUR;
    }
    return Width.EIGHT;
  }

  /** An unsigned integer (major type 0); {@code value} is read unsigned. */
  public CborBytes uint(long value) {
    return head(UNSIGNED, value);
  }

  public CborBytes uint(long value, Width width) {
    return head(UNSIGNED, value, width);
  }

  /** The negative integer -1 - n (major type 1); {@code n} is read unsigned. */
  public CborBytes negative(long n) {
    return head(NEGATIVE, n);
  }

  /** Any long, as major type 0 or 1. */
  public CborBytes integer(long value) {
    return value >= 0 ? uint(value) : negative(-1 - value);
  }

  public CborBytes text(String value) {
    return text(value, Width.SHORTEST);
  }

  public CborBytes text(String value, Width lengthWidth) {
    return textUtf8(value.getBytes(StandardCharsets.UTF_8), lengthWidth);
  }

  /** A definite text string of exactly these bytes, valid UTF-8 or not. */
  public CborBytes textUtf8(byte[] utf8) {
    return textUtf8(utf8, Width.SHORTEST);
  }

  public CborBytes textUtf8(byte[] utf8, Width lengthWidth) {
    head(TEXT, utf8.length, lengthWidth);
    out.writeBytes(utf8);
    return this;
  }

  /** An indefinite text string made of these definite chunks (an empty chunk is allowed), then a break. */
  public CborBytes textChunks(String... chunks) {
    initial(TEXT, 31);
    for (String chunk : chunks) {
      text(chunk);
    }
    return end();
  }

  /** {@code value} cut into chunks of at most {@code chunkLength} characters, as an indefinite text string. */
  public CborBytes textChunked(String value, int chunkLength) {
    initial(TEXT, 31);
    int at = 0;
    while (at < value.length()) {
      int to = Math.min(value.length(), at + chunkLength);
      if (to < value.length() && Character.isHighSurrogate(value.charAt(to - 1))) {
        to++;
      }
      text(value.substring(at, to));
      at = to;
    }
    return end();
  }

  public CborBytes byteString(byte[] value) {
    return byteString(value, Width.SHORTEST);
  }

  public CborBytes byteString(byte[] value, Width lengthWidth) {
    head(BYTES, value.length, lengthWidth);
    out.writeBytes(value);
    return this;
  }

  /** An indefinite byte string made of these definite chunks, then a break. */
  public CborBytes byteChunks(byte[]... chunks) {
    initial(BYTES, 31);
    for (byte[] chunk : chunks) {
      byteString(chunk);
    }
    return end();
  }

  /** A definite array head: the {@code count} items follow. */
  public CborBytes array(long count) {
    return head(ARRAY, count);
  }

  public CborBytes array(long count, Width width) {
    return head(ARRAY, count, width);
  }

  /** An indefinite array head: items follow, then {@link #end()}. */
  public CborBytes beginArray() {
    return initial(ARRAY, 31);
  }

  /** A definite map head: {@code pairs} key/value pairs follow. */
  public CborBytes map(long pairs) {
    return head(MAP, pairs);
  }

  public CborBytes map(long pairs, Width width) {
    return head(MAP, pairs, width);
  }

  /** An indefinite map head: keys and values follow, then {@link #end()}. */
  public CborBytes beginMap() {
    return initial(MAP, 31);
  }

  /** The break byte. */
  public CborBytes end() {
    out.write(BREAK);
    return this;
  }

  public CborBytes tag(long number) {
    return head(TAG, number);
  }

  /** The self-described CBOR tag 55799: the item written next is wrapped in it. */
  public CborBytes selfDescribed() {
    return tag(SELF_DESCRIBED);
  }

  /** A simple value: 0..23 in the initial byte, 24..255 in one following byte (0..31 that way are not well-formed). */
  public CborBytes simple(int value) {
    if (value < 24) {
      out.write(0xE0 | value);
    } else {
      out.write(0xF8);
      out.write(value);
    }
    return this;
  }

  /** A simple value forced into the two-byte form, even for 0..31. */
  public CborBytes simpleTwoBytes(int value) {
    out.write(0xF8);
    out.write(value);
    return this;
  }

  public CborBytes bool(boolean value) {
    return simple(value ? 21 : 20);
  }

  public CborBytes nul() {
    return simple(22);
  }

  public CborBytes undefined() {
    return simple(23);
  }

  /** A half-precision float (0xF9) of these 16 bits. */
  public CborBytes halfBits(int bits) {
    out.write(0xF9);
    out.write(bits >>> 8);
    out.write(bits);
    return this;
  }

  /** A half-precision float of {@code value}, which must be exactly representable as one (e.g. 2.0, 1.5, -0.25). */
  public CborBytes half(float value) {
    return halfBits(toHalf(value));
  }

  /** A single-precision float (0xFA). */
  public CborBytes single(float value) {
    int bits = Float.floatToIntBits(value);
    out.write(0xFA);
    for (int i = 3; i >= 0; i--) {
      out.write(bits >>> (8 * i));
    }
    return this;
  }

  /** A double-precision float (0xFB). */
  public CborBytes dbl(double value) {
    long bits = Double.doubleToLongBits(value);
    out.write(0xFB);
    for (int i = 7; i >= 0; i--) {
      out.write((int) (bits >>> (8 * i)));
    }
    return this;
  }

  /** Raw bytes, each an int 0..255. */
  public CborBytes raw(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  public CborBytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** Another encoder's bytes. */
  public CborBytes raw(CborBytes other) {
    return raw(other.bytes());
  }

  /**
   * The plain encoding of a value, as a preferred-serialization encoder writes it: shortest heads, definite
   * lengths. {@code String}, {@code Long}/{@code Integer}, {@code Boolean}, {@code byte[]}, {@code null},
   * {@code List} and {@code Map} (in its iteration order; keys are text) are understood.
   */
  public CborBytes value(Object value) {
    if (value == null) {
      return nul();
    } else if (value instanceof String s) {
      return text(s);
    } else if (value instanceof Integer || value instanceof Long) {
      return integer(((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      return bool(b);
    } else if (value instanceof byte[] b) {
      return byteString(b);
    } else if (value instanceof List<?> list) {
      array(list.size());
      list.forEach(this::value);
      return this;
    } else if (value instanceof Map<?, ?> map) {
      map(map.size());
      map.forEach((k, v) -> text((String) k).value(v));
      return this;
    }
    throw new IllegalArgumentException("no plain CBOR for " + value.getClass());
  }

  /** The plain encoding of {@code value}, as bytes. */
  public static byte[] plain(Object value) {
    return cbor().value(value).bytes();
  }

  private static int toHalf(float value) {
    int bits = Float.floatToIntBits(value);
    int sign = bits >>> 16 & 0x8000;
    int exponent = (bits >>> 23 & 0xFF) - 127 + 15;
    int mantissa = bits & 0x7FFFFF;
    if (value == 0f) {
      return sign;
    }
    if (exponent <= 0 || exponent >= 31 || (mantissa & 0x1FFF) != 0) {
      throw new IllegalArgumentException(value + " is not exactly a normal half-precision float");
    }
    return sign | exponent << 10 | mantissa >>> 13;
  }
}
