package dev.hangar.adapter.http.observe;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.ResourceBundle;

/**
 * One line per request on the {@code hangar.access} logger, through the JDK's {@link System.Logger}: the request
 * id, protocol, operation (or S3 action), status, error code, latency and bytes. The record's message is
 * {@code request {0}} and its one parameter the fields, a map that renders itself as {@code key=value} pairs: any
 * formatter that fills in parameters prints the whole line, a structured (JSON) one can read the fields, and neither
 * string is built on the request's thread unless the formatter runs there. Nothing a caller sent is copied into it
 * but the numbers: no header, no path, no query, so no key, token, signature or presigned query can reach the log.
 */
public final class AccessLog implements RequestObserver.Listener {
  public static final String LOGGER = "hangar.access";
  public static final String MESSAGE = "request {0}";
  private static final HttpString GAMELIFT_REQUEST_ID = new HttpString("x-amzn-RequestId");
  private static final HttpString S3_REQUEST_ID = new HttpString("x-amz-request-id");

  private final System.Logger log = System.getLogger(LOGGER);

  @Override
  public void completed(HttpServerExchange exchange, RequestFacts facts, long elapsedNanos) {
    if (log.isLoggable(System.Logger.Level.INFO)) {
      log.log(System.Logger.Level.INFO, (ResourceBundle) null, MESSAGE, fields(exchange, facts, elapsedNanos));
    }
  }

  static Fields fields(HttpServerExchange exchange, RequestFacts facts, long elapsedNanos) {
    Fields fields = new Fields();
    String id = exchange.getResponseHeaders().getFirst(GAMELIFT_REQUEST_ID);
    if (id == null) {
      id = exchange.getResponseHeaders().getFirst(S3_REQUEST_ID);
    }
    fields.put("request_id", id == null ? "-" : id);
    fields.put("protocol", facts.protocol());
    fields.put("operation", facts.operation());
    fields.put("status", exchange.getStatusCode());
    fields.put("error_code", facts.errorCode());
    fields.put("latency_ms", Math.round(elapsedNanos / 1000.0) / 1000.0);
    fields.put("bytes_in", Math.max(0, exchange.getRequestContentLength()));
    fields.put("bytes_out", exchange.getResponseBytesSent());
    if (facts.uploadedBytes() > 0) {
      fields.put("bytes_stored", facts.uploadedBytes());
    }
    facts.authRefusal().ifPresent(reason -> fields.put("auth_refusal", reason));
    InetSocketAddress peer = exchange.getSourceAddress();
    if (peer != null && peer.getAddress() != null) {
      fields.put("remote", peer.getAddress()); // rendered (getHostAddress) only when the line is written
    }
    return fields;
  }

  /** The fields of one line, in order; its string is the line's {@code key=value} form. */
  public static final class Fields extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    Fields() {
      super(16);
    }

    @Override
    public String toString() {
      StringBuilder line = new StringBuilder(160);
      forEach((name, value) -> {
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(name).append('=').append(text(value));
      });
      return line.toString();
    }

    /** A field's value as written: a number as a number, an address as its numeric form, the rest as text. */
    public static String text(Object value) {
      return value instanceof java.net.InetAddress address ? address.getHostAddress() : String.valueOf(value);
    }
  }
}
