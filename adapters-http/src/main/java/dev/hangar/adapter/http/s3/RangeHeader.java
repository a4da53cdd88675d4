package dev.hangar.adapter.http.s3;

import dev.hangar.domain.storage.ByteRange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GetObject's {@code Range} header, read as S3 reads it: one range of bytes ({@code bytes=a-b},
 * {@code bytes=a-}, {@code bytes=-n}), its end cut to the object's; a range that starts past the end (or asks
 * for the last 0 bytes) is unsatisfiable (416 InvalidRange); several ranges, another unit or a malformed
 * value are ignored, and the whole object is sent.
 */
final class RangeHeader {
  private static final String UNIT = "bytes=";

  private RangeHeader() {
  }

  /** The bytes to send, or empty for the whole object (no header, or one that is ignored). */
  static Optional<ByteRange> parse(String header, long size) {
    if (header == null || !header.startsWith(UNIT) || header.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String spec = header.substring(UNIT.length());
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    String first = spec.substring(0, dash);
    String last = spec.substring(dash + 1);
    if (first.isEmpty()) {
      if (!digits(last)) {
        return Optional.empty();
      }
      long suffix = Math.min(number(last), size);
      if (suffix == 0) {
        throw unsatisfiable(header, size);
      }
      return Optional.of(new ByteRange(size - suffix, suffix));
    }
    if (!digits(first) || !(last.isEmpty() || digits(last))) {
      return Optional.empty();
    }
    long from = number(first);
    long to = last.isEmpty() ? Long.MAX_VALUE : number(last);
    if (to < from) {
      return Optional.empty();
    }
    if (from >= size) {
      throw unsatisfiable(header, size);
    }
    return Optional.of(new ByteRange(from, Math.min(to, size - 1) - from + 1));
  }

  /** The {@code Content-Range} of a partial answer. */
  static String contentRange(ByteRange range, long size) {
    return "bytes " + range.offset() + "-" + range.last() + "/" + size;
  }

  private static S3Failure unsatisfiable(String header, long size) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("RangeRequested", header);
    extra.put("ActualObjectSize", Long.toString(size));
    return new S3Failure(S3Error.INVALID_RANGE, S3Error.INVALID_RANGE.message(), extra, Map.of("Content-Range", "bytes */" + size));
  }

  private static boolean digits(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** A position far past any object saturates rather than overflows. */
  private static long number(String digits) {
    return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }
}
