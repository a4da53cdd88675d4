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

  /** Binds and starts serving plain HTTP; port 0 picks a free port. */
  public static HttpEndpoint start(String bindAddress, int port, int ioThreads, int workerThreads, HttpHandler root) {
    return start(bindAddress, port, ioThreads, workerThreads, root, java.util.Optional.empty());
  }

  /** Binds and starts serving, HTTPS when {@code tls} is given (on the same port, instead of HTTP). */
  public static HttpEndpoint start(String bindAddress, int port, int ioThreads, int workerThreads, HttpHandler root,
      java.util.Optional<javax.net.ssl.SSLContext> tls) {
    Undertow.Builder builder = Undertow.builder();
    if (tls.isPresent()) {
      builder.addHttpsListener(port, bindAddress, tls.get());
    } else {
      builder.addHttpListener(port, bindAddress);
    }
    Undertow undertow = builder
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
    return new HttpEndpoint(undertow, URI.create((tls.isPresent() ? "https://" : "http://") + host + ":" + address.getPort()));
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
