package dev.hangar.adapter.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.net.URI;

/** The one listener that serves the GameLift API, the S3 upload endpoint and the health check. */
public final class HttpEndpoint implements AutoCloseable {
  private final Undertow undertow;
  private final URI uri;

  private HttpEndpoint(Undertow undertow, URI uri) {
    this.undertow = undertow;
    this.uri = uri;
  }

  /** Binds and starts serving; port 0 picks a free port. */
  public static HttpEndpoint start(String bindAddress, int port, int ioThreads, int workerThreads, HttpHandler root) {
    Undertow undertow = Undertow.builder()
        .addHttpListener(port, bindAddress)
        .setIoThreads(ioThreads)
        .setWorkerThreads(workerThreads)
        .setServerOption(UndertowOptions.ALWAYS_SET_DATE, false)
        // Undertow's default refuses bodies over 2 MiB. The handlers bound bodies themselves: GameLift's JSON
        // reader at 256 KiB, the S3 endpoint at the declared length, checked against the upload limits.
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, Long.MAX_VALUE)
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 30_000)
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 120_000)
        .setHandler(root)
        .build();
    undertow.start();
    InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return new HttpEndpoint(undertow, URI.create("http://" + host + ":" + address.getPort()));
  }

  /** The address clients use, e.g. {@code http://127.0.0.1:8088}. */
  public URI uri() {
    return uri;
  }

  public int port() {
    return uri.getPort();
  }

  @Override
  public void close() {
    undertow.stop();
  }
}
