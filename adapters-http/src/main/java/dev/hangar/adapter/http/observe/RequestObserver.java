package dev.hangar.adapter.http.observe;

import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows every request from its first byte to its completion: attaches its {@link RequestFacts}, counts the
 * requests and uploads in flight, and hands each completed request to the listeners (metrics, access log). It also
 * holds the node's draining state for a graceful shutdown: once {@link #drain()} is called, new requests are
 * refused by the root handler and {@link #awaitIdle} waits for those in flight.
 */
public final class RequestObserver {
  /** Told of each request once its reply has been sent (or the exchange ended without one). */
  public interface Listener {
    void completed(HttpServerExchange exchange, RequestFacts facts, long elapsedNanos);
  }

  private static final System.Logger LOG = System.getLogger(RequestObserver.class.getName());

  private final List<Listener> listeners;
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong uploadsInFlight = new AtomicLong();
  private final Object idle = new Object();
  private volatile boolean draining;

  public RequestObserver(List<Listener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** An observer that only counts what is in flight (no metrics, no access log). */
  public static RequestObserver silent() {
    return new RequestObserver(List.of());
  }

  /** Called by the root handler as a request arrives. */
  public void begin(HttpServerExchange exchange) {
    RequestFacts facts = new RequestFacts(System.nanoTime(), this);
    exchange.putAttachment(RequestFacts.KEY, facts);
    inFlight.incrementAndGet();
    exchange.addExchangeCompleteListener((ex, next) -> {
      try {
        complete(ex, facts);
      } finally {
        next.proceed();
      }
    });
  }

  private void complete(HttpServerExchange exchange, RequestFacts facts) {
    long elapsed = System.nanoTime() - facts.startNanos();
    if (facts.upload()) {
      uploadsInFlight.decrementAndGet();
    }
    for (Listener listener : listeners) {
      try {
        listener.completed(exchange, facts, elapsed);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, () -> "a request listener failed: " + e);
      }
    }
    if (inFlight.decrementAndGet() == 0 && draining) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  void uploadStarted() {
    uploadsInFlight.incrementAndGet();
  }

  /** Requests received and not yet completed. */
  public long inFlight() {
    return inFlight.get();
  }

  /** PutObject and UploadPart requests whose bodies are being received. */
  public long uploadsInFlight() {
    return uploadsInFlight.get();
  }

  /** From now on the node refuses new requests (503) and its health check answers 503. */
  public void drain() {
    draining = true;
  }

  public boolean draining() {
    return draining;
  }

  /**
   * Waits until no request is in flight, at most {@code grace}; the caller has called {@link #drain()}.
   *
   * @return true if every request completed in time
   */
  public boolean awaitIdle(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (idle) {
      while (inFlight.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        idle.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }
}
