package dev.hangar.adapter.http;

import dev.hangar.adapter.http.sigv4.SignedRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.util.ArrayList;
import java.util.List;

/** An Undertow exchange in the raw form SigV4 needs. */
public final class UndertowRequests {
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
    return new SignedRequest(exchange.getRequestMethod().toString(), rawPath(exchange),
        exchange.getQueryString(), headers);
  }

  /** The path as the client wrote it (not percent-decoded, without the query). */
  public static String rawPath(HttpServerExchange exchange) {
    return rawPath(exchange.getRequestURI());
  }

  /** An absolute-form request target keeps only its path. */
  private static String rawPath(String requestUri) {
    int scheme = requestUri.indexOf("://");
    if (scheme > 0 && !requestUri.startsWith("/")) {
      int slash = requestUri.indexOf('/', scheme + 3);
      return slash < 0 ? "/" : requestUri.substring(slash);
    }
    return requestUri;
  }
}
