package dev.hangar.adapter.http;

import dev.hangar.domain.build.AccountId;
import io.undertow.server.HttpServerExchange;

/** Every call comes from one account, unauthenticated: for in-process tests and throwaway runs only. */
public final class FixedCallerResolver implements CallerResolver {
  private final Caller caller;

  public FixedCallerResolver(AccountId account) {
    this.caller = new Caller(account);
  }

  @Override
  public Caller resolve(HttpServerExchange exchange, byte[] body) {
    return caller;
  }
}
