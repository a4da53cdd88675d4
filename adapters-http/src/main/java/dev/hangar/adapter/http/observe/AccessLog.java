package dev.hangar.adapter.http.observe;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * One line per request on the {@code hangar.access} logger, through the JDK's {@link System.Logger}: the request
 * id, protocol, operation (or S3 action), status, error code, latency and bytes. The record's message is the line in
 * {@code key=value} form and its one parameter the same fields as a map, for a structured (JSON) formatter.
 * Nothing a caller sent is copied into it but the numbers: no header, no path, no query, so no key, token,
 * signature or presigned query can reach the log.
 */
public final class AccessLog implements RequestObserver.Listener {
  public static final String LOGGER = "hangar.access";
  private static final HttpString GAMELIFT_REQUEST_ID = new HttpString("x-amzn-RequestId");
  private static final HttpString S3_REQUEST_ID = new HttpString("x-amz-request-id");

  private final System.Logger log = System.getLogger(LOGGER);

  @Override
  public void completed(HttpServerExchange exchange, RequestFacts facts, long elapsedNanos) {
    if (!log.isLoggable(System.Logger.Level.INFO)) {
      return;
    }
    Map<String, Object> fields = fields(exchange, facts, elapsedNanos);
    StringBuilder line = new StringBuilder(160).append("request");
    fields.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
    log.log(System.Logger.Level.INFO, (ResourceBundle) null, line.toString(), fields);
  }

  static Map<String, Object> fields(HttpServerExchange exchange, RequestFacts facts, long elapsedNanos) {
    Map<String, Object> fields = new LinkedHashMap<>(16);
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
    long declared = exchange.getRequestContentLength();
    fields.put("bytes_in", Math.max(0, declared));
    fields.put("bytes_out", exchange.getResponseBytesSent());
    if (facts.uploadedBytes() > 0) {
      fields.put("bytes_stored", facts.uploadedBytes());
    }
    facts.authRefusal().ifPresent(reason -> fields.put("auth_refusal", reason));
    InetSocketAddress peer = exchange.getSourceAddress();
    if (peer != null && peer.getAddress() != null) {
      fields.put("remote", peer.getAddress().getHostAddress());
    }
    return fields;
  }
}
