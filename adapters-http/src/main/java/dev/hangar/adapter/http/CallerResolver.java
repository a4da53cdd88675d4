package dev.hangar.adapter.http;

import io.undertow.server.HttpServerExchange;

/**
 * Establishes who sent a GameLift call, from its headers and the exact body bytes received, or refuses
 * it with a {@link GameLiftFailure}. Runs before the body is parsed.
 */
public interface CallerResolver {
  Caller resolve(HttpServerExchange exchange, byte[] body);
}
