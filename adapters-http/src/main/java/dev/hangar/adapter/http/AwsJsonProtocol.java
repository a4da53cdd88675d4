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
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AWS JSON 1.1: {@code POST /} with {@code X-Amz-Target: GameLift.<Operation>}; errors carry their code in
 * {@code __type} and in the {@code x-amzn-ErrorType} header.
 */
final class AwsJsonProtocol implements GameLiftProtocol {
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final HttpString TARGET = new HttpString("X-Amz-Target");
  static final HttpString ERROR_TYPE = new HttpString("x-amzn-ErrorType");
  private static final String TARGET_PREFIX = "GameLift.";
  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  private final ObjectMapper mapper = WireMappers.json();
  private final ObjectWriter writer = mapper.writer();

  @Override
  public String name() {
    return "json";
  }

  @Override
  public String operation(HttpServerExchange exchange, Set<String> served) {
    String target = exchange.getRequestHeaders().getFirst(TARGET);
    String operation = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
    if (operation == null || !served.contains(operation)) {
      throw new GameLiftFailure(GameLiftError.UNKNOWN_OPERATION, "Unknown operation " + printable(target)
          + "; this endpoint serves " + served.stream().sorted().map(name -> TARGET_PREFIX + name).collect(Collectors.joining(", ")));
    }
    if (!exchange.getRequestMethod().equals(Methods.POST)) {
      throw new GameLiftFailure(GameLiftError.UNKNOWN_OPERATION, "GameLift operations are called with POST /");
    }
    if (!isJsonContentType(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
      throw new GameLiftFailure(GameLiftError.SERIALIZATION, "Content-Type must be " + CONTENT_TYPE);
    }
    return operation;
  }

  @Override
  public RequestReader reader(Class<?> type) {
    ObjectReader reader = mapper.readerFor(type);
    return (exchange, body) -> {
      Object request;
      try {
        request = reader.readValue(body.length == 0 ? EMPTY_OBJECT : body);
      } catch (JsonProcessingException json) {
        throw new GameLiftFailure(GameLiftError.SERIALIZATION, describe(json));
      } catch (IOException e) {
        throw new IllegalStateException("reading from a byte array does not fail with I/O", e);
      }
      if (request == null) {
        throw new GameLiftFailure(GameLiftError.SERIALIZATION, "The request body must be a JSON object");
      }
      return request;
    };
  }

  @Override
  public void sendReply(HttpServerExchange exchange, Object response) {
    byte[] bytes;
    try {
      bytes = response == null ? new byte[0] : writer.writeValueAsBytes(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a wire record always serializes", e);
    }
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
    exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
  }

  @Override
  public void sendError(HttpServerExchange exchange, GameLiftError error, String message) {
    byte[] bytes = WireMappers.errorBody(mapper, error.code(), message);
    dev.hangar.adapter.http.observe.RequestFacts.error(exchange, error.code());
    exchange.setStatusCode(error.status());
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
    exchange.getResponseHeaders().put(ERROR_TYPE, error.code());
    exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
  }

  private static String describe(JsonProcessingException json) {
    if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return "Unexpected JSON value for member '" + WireMappers.memberPath(mapping) + "'";
    }
    if (json instanceof JsonMappingException) {
      return "The request body must be a JSON object";
    }
    return "The request body is not valid JSON";
  }

  private static boolean isJsonContentType(String contentType) {
    String mediaType = WireMappers.mediaType(contentType);
    return mediaType != null && (mediaType.equals(CONTENT_TYPE) || mediaType.equals("application/x-amz-json-1.0")
        || mediaType.equals("application/json"));
  }

  static String printable(String value) {
    if (value == null) {
      return "(none)";
    }
    String cut = value.length() > 100 ? value.substring(0, 100) + "…" : value;
    return "'" + cut.replaceAll("[^\\x20-\\x7E]", "?") + "'";
  }
}
