package dev.hangar.adapter.http;

import io.undertow.server.HttpServerExchange;
import java.util.Set;

/**
 * One wire protocol of the GameLift API (AWS JSON 1.1, Smithy RPC v2 CBOR): how a request names its operation,
 * how its body becomes the operation's wire record, and how replies and errors are written. The operations
 * and the mapping of failures to {@link GameLiftError}s are the same for every protocol.
 */
interface GameLiftProtocol {
  /** The protocol's short name, as in logs: {@code json} or {@code cbor}. */
  String name();

  /**
   * The operation a request calls, read from its request line and headers before any byte of the body is read.
   *
   * @param served the names of the operations served, e.g. {@code CreateBuild}
   * @throws GameLiftFailure for an unknown operation or a request the protocol refuses from its headers
   */
  String operation(HttpServerExchange exchange, Set<String> served);

  /** A reader of one operation's request bodies into its wire record type. */
  RequestReader reader(Class<?> type);

  /** Sends a 200 with the operation's output, or the protocol's reply for an operation without output. */
  void sendReply(HttpServerExchange exchange, Object response);

  void sendError(HttpServerExchange exchange, GameLiftError error, String message);

  @FunctionalInterface
  interface RequestReader {
    /**
     * @return the wire record, never null
     * @throws GameLiftFailure a {@code SerializationException} for a body that is not one of the type
     */
    Object read(HttpServerExchange exchange, byte[] body);
  }
}
