package dev.hangar.adapter.http;

import dev.hangar.adapter.http.console.ConsoleHandler;
import dev.hangar.adapter.http.observe.MetricsHandler;
import dev.hangar.adapter.http.observe.RequestFacts;
import dev.hangar.adapter.http.observe.RequestObserver;
import dev.hangar.adapter.http.s3.S3Handler;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Routes every request on the one port: GameLift calls (a Smithy RPC v2 CBOR path, decided on the path first,
 * or anything carrying {@code X-Amz-Target}), the health check, the metrics scrape, the console, and S3 requests
 * (everything else). Every request is followed by the {@link RequestObserver} from its arrival; while the node
 * drains for a shutdown, the health check answers 503 and every other new request 503 with {@code Connection: close}.
 */
public final class RootHandler implements HttpHandler {
  public static final String HEALTH_PATH = "/_hangar/health";
  private static final ByteBuffer DRAINING = ByteBuffer.wrap("{\"status\":\"draining\"}".getBytes(StandardCharsets.US_ASCII));

  private final GameLiftHandler gameLift;
  private final HttpHandler s3;
  private final HttpHandler health = new HealthHandler();
  private final HttpDates dates;
  private final Optional<HttpHandler> console;
  private final Optional<MetricsHandler> metrics;
  private final RequestObserver observer;

  /**
   * @param s3 the upload endpoint; it is wrapped so that {@code Expect: 100-continue} is answered with 100 when
   *     the handler first reads the body, which it does only once the request is authenticated and allowed
   */
  public RootHandler(GameLiftHandler gameLift, HttpHandler s3, Clock clock) {
    this(gameLift, s3, Optional.empty(), Optional.empty(), RequestObserver.silent(), clock);
  }

  /** @param console the read-only console at {@code /_hangar/console}, on the backends that have one */
  public RootHandler(GameLiftHandler gameLift, HttpHandler s3, Optional<HttpHandler> console, Clock clock) {
    this(gameLift, s3, console, Optional.empty(), RequestObserver.silent(), clock);
  }

  /**
   * @param metrics the scrape at {@code /_hangar/metrics}, when metrics are on
   * @param observer follows each request (metrics, access log) and holds the draining state
   */
  public RootHandler(GameLiftHandler gameLift, HttpHandler s3, Optional<HttpHandler> console, Optional<MetricsHandler> metrics,
      RequestObserver observer, Clock clock) {
    this.console = console;
    this.gameLift = gameLift;
    this.s3 = new io.undertow.server.handlers.HttpContinueReadHandler(s3);
    this.metrics = metrics;
    this.observer = observer;
    this.dates = new HttpDates(clock);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    observer.begin(exchange);
    if (observer.draining()) {
      refuseDraining(exchange);
      return;
    }
    if (GameLiftHandler.addresses(exchange)) {
      gameLift.handleRequest(exchange);
      return;
    }
    if (console.isPresent() && ConsoleHandler.addresses(exchange)) {
      RequestFacts.operation(exchange, RequestFacts.Protocol.HANGAR, "Console");
      dates.stamp(exchange);
      console.get().handleRequest(exchange);
      return;
    }
    if (isHealth(exchange)) {
      RequestFacts.operation(exchange, RequestFacts.Protocol.HANGAR, "Health");
      dates.stamp(exchange);
      health.handleRequest(exchange);
    } else if (metrics.isPresent() && MetricsHandler.addresses(exchange)) {
      dates.stamp(exchange);
      metrics.get().handleRequest(exchange);
    } else {
      s3.handleRequest(exchange);
    }
  }

  private static boolean isHealth(HttpServerExchange exchange) {
    return HEALTH_PATH.equals(exchange.getRequestPath())
        && (exchange.getRequestMethod().equals(Methods.GET) || exchange.getRequestMethod().equals(Methods.HEAD));
  }

  /** While draining: health 503 (so a load balancer stops sending), everything else 503 and the connection closed. */
  private void refuseDraining(HttpServerExchange exchange) {
    exchange.setPersistent(false);
    if (GameLiftHandler.addresses(exchange)) {
      gameLift.refuseUnavailable(exchange);
      return;
    }
    dates.stamp(exchange);
    if (isHealth(exchange) || (metrics.isPresent() && MetricsHandler.addresses(exchange))
        || (console.isPresent() && ConsoleHandler.addresses(exchange))) {
      RequestFacts.operation(exchange, RequestFacts.Protocol.HANGAR, isHealth(exchange) ? "Health" : "Other");
      exchange.setStatusCode(503);
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
      exchange.getResponseSender().send(DRAINING.duplicate());
      return;
    }
    S3Handler.refuseUnavailable(exchange);
  }
}
