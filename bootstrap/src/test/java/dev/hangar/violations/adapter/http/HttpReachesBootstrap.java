package dev.hangar.violations.adapter.http;

import dev.hangar.violations.bootstrap.BootstrapSettings;

/** Breaks rule 5: a class outside bootstrap depends on bootstrap. */
public final class HttpReachesBootstrap {
  public int port(BootstrapSettings settings) {
    return settings.port();
  }
}
