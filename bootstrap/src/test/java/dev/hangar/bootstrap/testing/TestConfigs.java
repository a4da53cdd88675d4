package dev.hangar.bootstrap.testing;

import dev.hangar.bootstrap.ServiceConfig;
import dev.hangar.domain.build.AccountId;

/** Node configurations for tests: a free loopback port and the test clients' keys as the one principal. */
public final class TestConfigs {
  public static final AccountId ACCOUNT = new AccountId("123456789012");

  private TestConfigs() {
  }

  /** A fresh data folder too, so that nodes never share files with each other or with the developer's ~/.hangar. */
  public static ServiceConfig node() {
    try {
      return ServiceConfig.defaults().withPort(0).withDataDir(java.nio.file.Files.createTempDirectory("hangar-test-"))
          .withPrincipal(Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY, ACCOUNT);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@link #node()} on the jar's durable backend, with its database and files in {@code dataDir}. */
  public static ServiceConfig localNode(java.nio.file.Path dataDir) {
    return node().withDataDir(dataDir).toBuilder().adapters(dev.hangar.bootstrap.AdapterMode.LOCAL).build();
  }
}
