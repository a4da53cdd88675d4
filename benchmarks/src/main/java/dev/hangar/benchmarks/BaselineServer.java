package dev.hangar.benchmarks;

import dev.hangar.adapter.http.HttpEndpoint;
import dev.hangar.bootstrap.Hangar;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The baseline: bare Undertow with Hangar's listener settings and no application code. It answers every
 * request with one fixed, DescribeBuild-sized JSON reply, so the gap between it and Hangar is what Hangar's
 * own request handling costs (routing, JSON, validation, the use case, the catalog).
 *
 * <ul>
 *   <li>{@code /async} reads the body on the IO thread without blocking ({@code receiveFullBytes}) and
 *       replies from the IO thread: the like-for-like baseline for Hangar in memory mode, whose
 *       operations run on the IO thread after a non-blocking body read.
 *   <li>{@code /blocking} dispatches to the worker pool and reads the body with a blocking
 *       {@link InputStream}: what a handler that hands every request to a worker thread costs.
 * </ul>
 *
 * <p>Usage: {@code java -cp hangar-benchmarks.jar dev.hangar.benchmarks.BaselineServer <port>} (0 picks a
 * free port). Binds 127.0.0.1 only, prints {@code listening on http://127.0.0.1:<port>}, runs until killed.
 */
public final class BaselineServer {
  /** A DescribeBuild reply as Hangar writes it: same members, same length (304 bytes). */
  static final byte[] REPLY = ("{\"Build\":{\"BuildId\":\"build-3f0c2b7e-8d1a-4c55-9e2f-6b7a1d0c9e41\","
      + "\"BuildArn\":\"arn:aws:gamelift:us-west-2::build/build-3f0c2b7e-8d1a-4c55-9e2f-6b7a1d0c9e41\","
      + "\"Name\":\"bench\",\"Status\":\"INITIALIZED\",\"SizeOnDisk\":0,\"OperatingSystem\":\"AMAZON_LINUX_2023\","
      + "\"CreationTime\":1767225600.123,\"ServerSdkVersion\":\"4.0.2\"}}").getBytes(StandardCharsets.UTF_8);
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private BaselineServer() {
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    HttpHandler blocking = new BlockingHandler(BaselineServer::blocking);
    HttpHandler root = exchange -> {
      switch (exchange.getRequestPath()) {
        case "/async" -> async(exchange);
        case "/blocking" -> blocking.handleRequest(exchange);
        default -> {
          exchange.setStatusCode(404);
          exchange.endExchange();
        }
      }
    };
    int ioThreads = hangarThreads("ioThreads");
    int workerThreads = hangarThreads("workerThreads");
    HttpEndpoint endpoint = HttpEndpoint.start("127.0.0.1", port, ioThreads, workerThreads, root);
    Runtime.getRuntime().addShutdownHook(new Thread(endpoint::close, "baseline-shutdown"));
    System.out.println("baseline ioThreads=" + ioThreads + " workerThreads=" + workerThreads);
    System.out.println("listening on " + endpoint.uri());
    System.out.flush();
    new CountDownLatch(1).await();
  }

  private static void async(HttpServerExchange exchange) {
    exchange.getRequestReceiver().receiveFullBytes((ex, body) -> reply(ex));
  }

  private static void blocking(HttpServerExchange exchange) throws IOException {
    try (InputStream in = exchange.getInputStream()) {
      in.readAllBytes();
    }
    reply(exchange);
  }

  private static void reply(HttpServerExchange exchange) {
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
    exchange.getResponseSender().send(ByteBuffer.wrap(REPLY));
  }

  /**
   * Hangar's own thread counts ({@code Hangar.ioThreads()}, {@code Hangar.workerThreads()}), read rather than
   * copied so that the baseline cannot drift from the product; they are package-private, hence reflection.
   */
  private static int hangarThreads(String method) throws ReflectiveOperationException {
    Method m = Hangar.class.getDeclaredMethod(method);
    m.setAccessible(true);
    return (int) m.invoke(null);
  }
}
