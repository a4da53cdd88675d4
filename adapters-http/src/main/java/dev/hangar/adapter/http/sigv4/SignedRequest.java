package dev.hangar.adapter.http.sigv4;

import dev.hangar.adapter.http.uri.RequestTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as it arrived, in the raw form SigV4 needs: the method, the path and query exactly as the
 * client sent them (never decoded or normalized), and every header's values in arrival order.
 */
public final class SignedRequest {
  /** One header line as received. */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  private final String method;
  private final RequestTarget target;
  private final Map<String, List<String>> byName;

  public SignedRequest(String method, String rawPath, String rawQuery, List<Header> headers) {
    this(method, RequestTarget.of(Objects.requireNonNull(rawPath, "rawPath"), rawQuery), headers);
  }

  public SignedRequest(String method, RequestTarget target, List<Header> headers) {
    this.method = Objects.requireNonNull(method, "method");
    this.target = Objects.requireNonNull(target, "target");
    Map<String, List<String>> map = new HashMap<>();
    for (Header header : headers) {
      map.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(header.value());
    }
    map.replaceAll((k, v) -> Collections.unmodifiableList(v));
    this.byName = map;
  }

  public String method() {
    return method;
  }

  public String rawPath() {
    return target.rawPath();
  }

  public String rawQuery() {
    return target.rawQuery();
  }

  /** The path and the query, raw and decoded, parsed once. */
  public RequestTarget target() {
    return target;
  }

  /** Every value of that header, in arrival order; the name is case-insensitive. */
  public List<String> values(String name) {
    return byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  public Optional<String> first(String name) {
    List<String> values = values(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The lower-case names of all headers present. */
  public java.util.Set<String> names() {
    return byName.keySet();
  }
}
