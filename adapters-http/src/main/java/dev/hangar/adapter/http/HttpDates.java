package dev.hangar.adapter.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header from the node's own clock (not the machine's): clients read it to correct their
 * clock skew, so it must be the time the node checks signatures against. Formatted once per second.
 */
public final class HttpDates {
  private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private record Cached(long second, String value) {
  }

  private final Clock clock;
  private volatile Cached cached = new Cached(Long.MIN_VALUE, "");

  public HttpDates(Clock clock) {
    this.clock = clock;
  }

  /** An instant as HTTP writes dates (RFC 1123, GMT, whole seconds): {@code Date}, {@code Last-Modified}. */
  public static String format(java.time.Instant instant) {
    return RFC_1123.format(instant);
  }

  public void stamp(HttpServerExchange exchange) {
    long second = clock.millis() / 1000;
    Cached current = cached;
    if (current.second() != second) {
      current = new Cached(second, format(java.time.Instant.ofEpochSecond(second)));
      cached = current;
    }
    exchange.getResponseHeaders().put(Headers.DATE, current.value());
  }
}
