package dev.hangar.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;

/**
 * Routes every request on the one port: the health check, GameLift calls (anything carrying
 * {@code X-Amz-Target}), and S3 requests (everything else).
 */
public final class RootHandler implements HttpHandler {
  public static final String HEALTH_PATH = "/_hangar/health";

  private final HttpHandler gameLift;
  private final HttpHandler s3;
  private final HttpHandler health = new HealthHandler();
  private final HttpDates dates;

  public RootHandler(GameLiftHandler gameLift, HttpHandler s3, java.time.Clock clock) {
    this.gameLift = gameLift;
    this.s3 = s3;
    this.dates = new HttpDates(clock);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.getRequestHeaders().contains(GameLiftHandler.TARGET)) {
      gameLift.handleRequest(exchange);
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
