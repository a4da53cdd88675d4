package dev.hangar.violations.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpHandler;
import javax.inject.Inject;

/**
 * Follows every rule: bootstrap may use Dagger, javax.inject, Undertow and Jackson. The rules for rules 6 and 7 must
 * not report it.
 */
public final class BootstrapSettings {
  private final ObjectMapper mapper = new ObjectMapper();
  private HttpHandler handler;

  @Inject
  public BootstrapSettings() {
  }

  public int port() {
    return 0;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public HttpHandler handler() {
    return handler;
  }
}
