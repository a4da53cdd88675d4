package dev.hangar.adapter.http;

import dev.hangar.adapter.http.sigv4.SignedRequest;
import dev.hangar.adapter.http.uri.RequestTarget;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import java.util.ArrayList;
import java.util.List;

/** An Undertow exchange in the raw forms the routes and SigV4 need. */
public final class UndertowRequests {
  private static final AttachmentKey<RequestTarget> TARGET = AttachmentKey.create(RequestTarget.class);

  private UndertowRequests() {
  }

  public static SignedRequest signed(HttpServerExchange exchange) {
    List<SignedRequest.Header> headers = new ArrayList<>();
    for (HeaderValues values : exchange.getRequestHeaders()) {
      String name = values.getHeaderName().toString();
      for (String value : values) {
        headers.add(new SignedRequest.Header(name, value));
      }
    }
    return new SignedRequest(exchange.getRequestMethod().toString(), target(exchange), headers);
  }

  /** The request's target, parsed once per exchange and kept on it for every later reader. */
  public static RequestTarget target(HttpServerExchange exchange) {
    RequestTarget target = exchange.getAttachment(TARGET);
    if (target == null) {
      target = RequestTarget.of(exchange.getRequestURI(), exchange.getQueryString());
      exchange.putAttachment(TARGET, target);
    }
    return target;
  }

  /** The path as the client wrote it (not percent-decoded, without the query). */
  public static String rawPath(HttpServerExchange exchange) {
    return target(exchange).rawPath();
  }
}
