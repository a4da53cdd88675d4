package dev.hangar.bootstrap.testing;

import dev.hangar.bootstrap.ServiceConfig;
import dev.hangar.domain.build.AccountId;

/** Node configurations for tests: a free loopback port and the test clients' keys as the one principal. */
public final class TestConfigs {
  public static final AccountId ACCOUNT = new AccountId("123456789012");

  private TestConfigs() {
  }

  public static ServiceConfig node() {
    return ServiceConfig.defaults().withPort(0).withPrincipal(Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY, ACCOUNT);
  }
}
