package dev.hangar.violations.application.port.out;

import io.undertow.server.HttpServerExchange;

/** Breaks rule 2: the application depends on Undertow (a shape that rule 3 accepts: an interface). */
public interface ExchangeSink {
  void accept(HttpServerExchange exchange);
}
