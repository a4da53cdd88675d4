package dev.hangar.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Smithy RPC v2 CBOR: {@code POST /service/GameLift/operation/<Operation>} with {@code smithy-protocol:
 * rpc-v2-cbor}; bodies are CBOR maps keyed by member name; every reply carries {@code smithy-protocol}; errors
 * name their absolute shape id in {@code __type}. Bodies pass {@link StrictCbor} before Jackson reads them.
 */
final class RpcV2CborProtocol implements GameLiftProtocol {
  static final String CONTENT_TYPE = "application/cbor";
  static final HttpString SMITHY_PROTOCOL = new HttpString("smithy-protocol");
  static final String PROTOCOL_ID = "rpc-v2-cbor";
  /** The service segment is the model's target prefix; Smithy also allows the service's absolute shape id. */
  private static final String[] PATH_PREFIXES = {"/service/GameLift/operation/", "/service/com.amazonaws.gamelift.GameLift/operation/"};
  private static final HttpString AMZN_TARGET = new HttpString("X-Amzn-Target");
  private static final byte[] EMPTY_MAP = {(byte) 0xA0};

  private final ObjectMapper mapper = WireMappers.cbor();
  private final ObjectWriter writer = mapper.writer();

  /** Whether a request is addressed to this protocol: its raw path is under {@code /service/GameLift/operation/}. */
  static boolean addresses(String rawPath) {
    return rawPath.startsWith("/service/") && (rawPath.startsWith(PATH_PREFIXES[0]) || rawPath.startsWith(PATH_PREFIXES[1]));
  }

  /** The first path segment of the protocol's paths, which therefore cannot be a bucket's name on this port. */
  static String reservedPathSegment() {
    return "service";
  }

  @Override
  public String name() {
    return "cbor";
  }

  @Override
  public String operation(HttpServerExchange exchange, Set<String> served) {
    if (exchange.getRequestHeaders().contains(AwsJsonProtocol.TARGET) || exchange.getRequestHeaders().contains(AMZN_TARGET)) {
      throw new GameLiftFailure(GameLiftError.UNKNOWN_OPERATION,
          "A Smithy RPC v2 CBOR request must not carry X-Amz-Target; the operation is named by the path");
    }
    String path = UndertowRequests.rawPath(exchange);
    String operation = path.substring((path.startsWith(PATH_PREFIXES[0]) ? PATH_PREFIXES[0] : PATH_PREFIXES[1]).length());
    if (!served.contains(operation)) {
      throw new GameLiftFailure(GameLiftError.UNKNOWN_OPERATION, "Unknown operation " + AwsJsonProtocol.printable(operation)
          + "; this endpoint serves " + served.stream().sorted().collect(Collectors.joining(", ")));
    }
    if (!exchange.getRequestMethod().equals(Methods.POST)) {
      throw new GameLiftFailure(GameLiftError.UNKNOWN_OPERATION,
          "GameLift operations are called with POST " + PATH_PREFIXES[0] + "<Operation>");
    }
    if (!PROTOCOL_ID.equals(exchange.getRequestHeaders().getFirst(SMITHY_PROTOCOL))) {
      throw new GameLiftFailure(GameLiftError.UNKNOWN_OPERATION, "The smithy-protocol header must be " + PROTOCOL_ID);
    }
    String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (contentType != null ? !CONTENT_TYPE.equals(WireMappers.mediaType(contentType)) : hasBody(exchange)) {
      throw new GameLiftFailure(GameLiftError.SERIALIZATION, "Content-Type must be " + CONTENT_TYPE);
    }
    return operation;
  }

  private static boolean hasBody(HttpServerExchange exchange) {
    return exchange.getRequestContentLength() > 0;
  }

  @Override
  public RequestReader reader(Class<?> type) {
    ObjectReader reader = mapper.readerFor(type);
    return (exchange, body) -> {
      if (body.length > 0 && !exchange.getRequestHeaders().contains(Headers.CONTENT_TYPE)) {
        throw new GameLiftFailure(GameLiftError.SERIALIZATION, "Content-Type must be " + CONTENT_TYPE);
      }
      byte[] input = body.length == 0 ? EMPTY_MAP : body;
      try {
        StrictCbor.check(input);
        return reader.readValue(input);
      } catch (StrictCbor.MalformedCborException malformed) {
        throw new GameLiftFailure(GameLiftError.SERIALIZATION, "The request body is not valid CBOR: " + malformed.getMessage());
      } catch (JsonMappingException mapping) {
        throw new GameLiftFailure(GameLiftError.SERIALIZATION, mapping.getPath().isEmpty()
            ? "The request body must be a CBOR map" : "Unexpected CBOR value for member '" + WireMappers.memberPath(mapping) + "'");
      } catch (JsonProcessingException parsing) {
        throw new GameLiftFailure(GameLiftError.SERIALIZATION, "The request body is not valid CBOR");
      } catch (IOException e) {
        throw new IllegalStateException("reading from a byte array does not fail with I/O", e);
      }
    };
  }

  @Override
  public void sendReply(HttpServerExchange exchange, Object response) {
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(SMITHY_PROTOCOL, PROTOCOL_ID);
    if (response == null) {
      exchange.getResponseSender().send(ByteBuffer.allocate(0));
      return;
    }
    byte[] bytes;
    try {
      bytes = writer.writeValueAsBytes(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a wire record always serializes", e);
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
    exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
  }

  @Override
  public void sendError(HttpServerExchange exchange, GameLiftError error, String message) {
    byte[] bytes = WireMappers.errorBody(mapper, error.shapeId(), message);
    dev.hangar.adapter.http.observe.RequestFacts.error(exchange, error.code());
    exchange.setStatusCode(error.status());
    exchange.getResponseHeaders().put(SMITHY_PROTOCOL, PROTOCOL_ID);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
    exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
  }
}
