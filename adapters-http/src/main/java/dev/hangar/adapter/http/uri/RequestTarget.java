package dev.hangar.adapter.http.uri;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one parser of a request's target, used by every route on the port (the GameLift JSON and CBOR routes,
 * the S3 endpoint) and by the SigV4 verifier: the path exactly as the client wrote it (an absolute-form target
 * keeps only its path) and the query, raw and as decoded parameters. Parameters are split on {@code &} (empty
 * pieces skipped) and on the first {@code =}, then percent-decoded, name and value alike; {@code +} stays a
 * plus, as SigV4 reads it. Parsed once, on first use.
 */
public final class RequestTarget {
  /** One query parameter, decoded, in the order it came. */
  public record Parameter(String name, String value) {
  }

  private final String rawPath;
  private final String rawQuery;
  private List<Parameter> parameters;
  private Map<String, String> firstValues;

  private RequestTarget(String rawPath, String rawQuery) {
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
  }

  /**
   * @param requestUri the request target's path part as received (origin form {@code /a/b} or absolute form
   *     {@code http://host/a/b}), without the query
   * @param rawQuery the query string as received, without {@code ?}; null or empty for none
   */
  public static RequestTarget of(String requestUri, String rawQuery) {
    return new RequestTarget(pathOf(Objects.requireNonNull(requestUri, "requestUri")), rawQuery == null ? "" : rawQuery);
  }

  /** The path as the client wrote it: not percent-decoded, not normalized. */
  public String rawPath() {
    return rawPath;
  }

  /** The query as the client wrote it, or empty. */
  public String rawQuery() {
    return rawQuery;
  }

  /** Every parameter, decoded, duplicates included, in arrival order. */
  public List<Parameter> parameters() {
    if (parameters == null) {
      parameters = parse(rawQuery);
    }
    return parameters;
  }

  /** Each decoded parameter name with the value of its first occurrence. */
  public Map<String, String> firstValues() {
    if (firstValues == null) {
      Map<String, String> values = new HashMap<>();
      for (Parameter parameter : parameters()) {
        values.putIfAbsent(parameter.name(), parameter.value());
      }
      firstValues = Collections.unmodifiableMap(values);
    }
    return firstValues;
  }

  private static List<Parameter> parse(String rawQuery) {
    if (rawQuery.isEmpty()) {
      return List.of();
    }
    List<Parameter> out = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      out.add(new Parameter(percentDecode(eq < 0 ? part : part.substring(0, eq)), eq < 0 ? "" : percentDecode(part.substring(eq + 1))));
    }
    return Collections.unmodifiableList(out);
  }

  private static String pathOf(String requestUri) {
    int scheme = requestUri.indexOf("://");
    if (scheme > 0 && !requestUri.startsWith("/")) {
      int slash = requestUri.indexOf('/', scheme + 3);
      return slash < 0 ? "/" : requestUri.substring(slash);
    }
    return requestUri;
  }

  /** Decodes {@code %XX} escapes as UTF-8; a {@code %} not followed by two hex digits is kept as it is. */
  public static String percentDecode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    byte[] raw = value.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
        out.write(hex(raw[i + 1]) << 4 | hex(raw[i + 2]));
        i += 2;
      } else {
        out.write(raw[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }
}
