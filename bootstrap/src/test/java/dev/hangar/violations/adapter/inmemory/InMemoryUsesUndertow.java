package dev.hangar.violations.adapter.inmemory;

import io.undertow.server.HttpHandler;

/** Breaks rule 7: Undertow outside the HTTP adapter and bootstrap. */
public final class InMemoryUsesUndertow {
  private final HttpHandler handler;

  public InMemoryUsesUndertow(HttpHandler handler) {
    this.handler = handler;
  }

  public HttpHandler handler() {
    return handler;
  }
}
