package dev.hangar.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/** {@code GET /_hangar/health}: 200 while the node serves, for load balancers and scripts. */
final class HealthHandler implements HttpHandler {
  private static final ByteBuffer BODY = ByteBuffer.wrap("{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(BODY.duplicate());
  }
}
