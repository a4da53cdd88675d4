package dev.hangar.adapter.http.observe;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@code GET /_hangar/metrics}: the registry in the Prometheus text format, unauthenticated like the health check
 * (it holds no id, name or key). The scrape is not counted in the request metrics.
 */
public final class MetricsHandler implements HttpHandler {
  public static final String PATH = "/_hangar/metrics";

  private final PrometheusRegistry registry;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  public MetricsHandler(PrometheusRegistry registry) {
    this.registry = registry;
  }

  public static boolean addresses(HttpServerExchange exchange) {
    return PATH.equals(exchange.getRequestPath());
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws IOException {
    RequestFacts.operation(exchange, RequestFacts.Protocol.HANGAR, "Metrics");
    RequestFacts.uncounted(exchange);
    if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
      exchange.setStatusCode(405);
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
      exchange.endExchange();
      return;
    }
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    writer.write(out, registry.scrape());
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, writer.getContentType());
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(ByteBuffer.wrap(out.toByteArray()));
  }
}
