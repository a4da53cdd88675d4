package dev.hangar.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;

/**
 * Routes every request on the one port: GameLift calls (a Smithy RPC v2 CBOR path, decided on the path first,
 * or anything carrying {@code X-Amz-Target}), the health check, and S3 requests (everything else).
 */
public final class RootHandler implements HttpHandler {
  public static final String HEALTH_PATH = "/_hangar/health";

  private final HttpHandler gameLift;
  private final HttpHandler s3;
  private final HttpHandler health = new HealthHandler();
  private final HttpDates dates;
  private final java.util.Optional<HttpHandler> console;

  /**
   * @param s3 the upload endpoint; it is wrapped so that {@code Expect: 100-continue} is answered with 100 when
   *     the handler first reads the body, which it does only once the request is authenticated and allowed
   */
  public RootHandler(GameLiftHandler gameLift, HttpHandler s3, java.time.Clock clock) {
    this(gameLift, s3, java.util.Optional.empty(), clock);
  }

  /** @param console the read-only console at {@code /_hangar/console}, on the backends that have one */
  public RootHandler(GameLiftHandler gameLift, HttpHandler s3, java.util.Optional<HttpHandler> console, java.time.Clock clock) {
    this.console = console;
    this.gameLift = gameLift;
    this.s3 = new io.undertow.server.handlers.HttpContinueReadHandler(s3);
    this.dates = new HttpDates(clock);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (GameLiftHandler.addresses(exchange)) {
      gameLift.handleRequest(exchange);
      return;
    }
    if (console.isPresent() && dev.hangar.adapter.http.console.ConsoleHandler.addresses(exchange)) {
      dates.stamp(exchange);
      console.get().handleRequest(exchange);
      return;
    }
    if (HEALTH_PATH.equals(exchange.getRequestPath())
        && (exchange.getRequestMethod().equals(Methods.GET) || exchange.getRequestMethod().equals(Methods.HEAD))) {
      dates.stamp(exchange);
      health.handleRequest(exchange);
    } else {
      s3.handleRequest(exchange);
    }
  }
}
