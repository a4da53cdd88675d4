package dev.hangar.adapter.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Undertow on 127.0.0.1, port 0, serving the given operations; raw HTTP calls against it. */
final class HttpTestServer implements AutoCloseable {
  static final String ACCOUNT = "123456789012";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final HttpEndpoint endpoint;

  HttpTestServer(List<GameLiftOperation<?, ?>> operations, boolean dispatchToWorker) {
    this(operations, dispatchToWorker ? GameLiftHandler.Blocking.EVERYTHING : GameLiftHandler.Blocking.NOTHING);
  }

  HttpTestServer(List<GameLiftOperation<?, ?>> operations, GameLiftHandler.Blocking blocking) {
    GameLiftHandler handler = new GameLiftHandler(operations,
        new FixedCallerResolver(new dev.hangar.domain.build.AccountId(ACCOUNT)), blocking, java.time.Clock.systemUTC());
    this.endpoint = HttpEndpoint.start("127.0.0.1", 0, 1, 2, new RootHandler(handler, exchange -> {
      // Stands in for the S3 endpoint: the routing tests only need to see that a request got here.
      exchange.setStatusCode(418);
      exchange.getResponseSender().send("s3");
    }, java.time.Clock.systemUTC()));
  }

  URI uri() {
    return endpoint.uri();
  }

  HttpResponse<String> call(String operation, String body) {
    return send(HttpRequest.newBuilder(endpoint.uri().resolve("/"))
        .header("X-Amz-Target", "GameLift." + operation)
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
