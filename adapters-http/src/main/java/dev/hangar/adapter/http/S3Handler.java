package dev.hangar.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Every request that is not a GameLift call is an S3 request and is answered in S3's XML. The embedded
 * upload endpoint is not built yet: every S3 operation is {@code NotImplemented} for now.
 */
final class S3Handler implements HttpHandler {
  private static final HttpString REQUEST_ID = new HttpString("x-amz-request-id");

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    send(exchange, S3Error.NOT_IMPLEMENTED);
  }

  static void send(HttpServerExchange exchange, S3Error error) {
    String requestId = RequestIds.next();
    exchange.setStatusCode(error.status());
    exchange.getResponseHeaders().put(REQUEST_ID, requestId);
    if (exchange.getRequestMethod().equals(Methods.HEAD)) {
      exchange.endExchange();
      return;
    }
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + error.code() + "</Code><Message>"
        + error.message() + "</Message><RequestId>" + requestId + "</RequestId></Error>";
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/xml");
    exchange.getResponseSender().send(ByteBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
