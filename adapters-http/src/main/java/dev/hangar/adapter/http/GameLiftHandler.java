package dev.hangar.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hangar.application.port.in.BuildNotFoundException;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.domain.failure.InvalidTagException;
import dev.hangar.domain.failure.InvalidValueException;
import dev.hangar.domain.failure.StateConflictException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The GameLift endpoint: AWS JSON 1.1 ({@code POST /}, {@code X-Amz-Target: GameLift.<Operation>}). It
 * reads the small JSON body without blocking, authenticates the caller, parses the body into the
 * operation's wire record, runs the operation (inline, or on an executor when the adapters behind the
 * use cases block), and owns the mapping of every failure to an AWS JSON error.
 */
public final class GameLiftHandler implements HttpHandler {
  /** Large enough for 200 tags of maximum size; anything bigger is not a GameLift request. */
  public static final int MAX_BODY_BYTES = 256 * 1024;
  /**
   * How much of a too-long body is still read, and thrown away, before the refusal is sent and the
   * connection closed: closing on unread bytes makes the kernel answer with a reset, which can reach the
   * client before it has read the refusal, so the client would see a dropped connection instead of an error.
   */
  static final int MAX_DISCARDED_BYTES = 1024 * 1024;
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final HttpString TARGET = new HttpString("X-Amz-Target");
  static final HttpString REQUEST_ID = new HttpString("x-amzn-RequestId");
  static final HttpString ERROR_TYPE = new HttpString("x-amzn-ErrorType");
  private static final String TARGET_PREFIX = "GameLift.";
  private static final byte[] EMPTY_OBJECT = {'{', '}'};
  private static final System.Logger LOG = System.getLogger(GameLiftHandler.class.getName());

  private record Route(GameLiftOperation<Object, Object> operation, ObjectReader reader) {
  }

  private final Map<String, Route> routes;
  private final CallerResolver callers;
  private final boolean dispatchToWorker;
  private final HttpDates dates;
  private final ObjectMapper mapper;
  private final ObjectWriter writer;

  /**
   * @param dispatchToWorker whether operations run on Undertow's worker pool; when false they run on the
   *     IO thread that read the body, which is right only when no adapter behind the use cases blocks (the
   *     in-memory ones never do)
   */
  @SuppressWarnings("unchecked")
  public GameLiftHandler(List<GameLiftOperation<?, ?>> operations, CallerResolver callers, boolean dispatchToWorker,
      java.time.Clock clock) {
    this.dates = new HttpDates(clock);
    this.mapper = JsonCodec.mapper();
    this.writer = mapper.writer();
    this.callers = callers;
    this.dispatchToWorker = dispatchToWorker;
    Map<String, Route> byTarget = new HashMap<>();
    for (GameLiftOperation<?, ?> operation : operations) {
      GameLiftOperation<Object, Object> op = (GameLiftOperation<Object, Object>) operation;
      if (byTarget.put(TARGET_PREFIX + op.name(), new Route(op, mapper.readerFor(op.requestType()))) != null) {
        throw new IllegalArgumentException("two operations named " + op.name());
      }
    }
    this.routes = Map.copyOf(byTarget);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String requestId = RequestIds.next();
    exchange.getResponseHeaders().put(REQUEST_ID, requestId);
    dates.stamp(exchange);
    String target = exchange.getRequestHeaders().getFirst(TARGET);
    Route route = routes.get(target);
    if (route == null) {
      refuseUnread(exchange, GameLiftError.UNKNOWN_OPERATION, "Unknown operation " + printable(target)
          + "; this endpoint serves " + routes.keySet().stream().sorted().collect(Collectors.joining(", ")));
      return;
    }
    if (!exchange.getRequestMethod().equals(Methods.POST)) {
      refuseUnread(exchange, GameLiftError.UNKNOWN_OPERATION, "GameLift operations are called with POST /");
      return;
    }
    if (!isJsonContentType(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
      refuseUnread(exchange, GameLiftError.SERIALIZATION, "Content-Type must be " + CONTENT_TYPE);
      return;
    }
    if (exchange.getRequestContentLength() > (long) MAX_BODY_BYTES + MAX_DISCARDED_BYTES) {
      refuseUnread(exchange, GameLiftError.SERIALIZATION, "Request body exceeds " + MAX_BODY_BYTES + " bytes");
      return;
    }
    readBody(exchange, body -> {
      if (dispatchToWorker) {
        exchange.dispatch(() -> invoke(exchange, route, body, requestId));
      } else {
        invoke(exchange, route, body, requestId);
      }
    });
  }

  /** Refused before the body is read: close after answering rather than drain a body nobody wants. */
  private void refuseUnread(HttpServerExchange exchange, GameLiftError error, String message) {
    exchange.setPersistent(false);
    sendError(exchange, error, message);
  }

  /**
   * Reads the whole body on the IO thread without blocking, at most {@link #MAX_BODY_BYTES}. A longer one,
   * chunked or not, is refused and the connection closed once the body has ended or
   * {@link #MAX_DISCARDED_BYTES} more have been read and thrown away, whichever comes first.
   */
  private void readBody(HttpServerExchange exchange, java.util.function.Consumer<byte[]> then) {
    long declared = exchange.getRequestContentLength();
    byte[][] buffer = {new byte[declared >= 0 ? (int) Math.min(declared, MAX_BODY_BYTES) : 1024]};
    long[] received = {0};
    boolean[] answered = {false};
    exchange.getRequestReceiver().receivePartialBytes(
        (ex, chunk, last) -> {
          if (answered[0]) {
            return;
          }
          long before = received[0];
          received[0] += chunk.length;
          if (received[0] > MAX_BODY_BYTES) {
            buffer[0] = null;
            ex.setPersistent(false);
            if (last || received[0] > (long) MAX_BODY_BYTES + MAX_DISCARDED_BYTES) {
              answered[0] = true;
              sendError(ex, GameLiftError.SERIALIZATION, "Request body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            return;
          }
          int size = (int) before;
          if (size + chunk.length > buffer[0].length) {
            buffer[0] = java.util.Arrays.copyOf(buffer[0], Math.min(MAX_BODY_BYTES, Math.max(buffer[0].length * 2, size + chunk.length)));
          }
          System.arraycopy(chunk, 0, buffer[0], size, chunk.length);
          if (last) {
            answered[0] = true;
            int total = (int) received[0];
            then.accept(total == buffer[0].length ? buffer[0] : java.util.Arrays.copyOf(buffer[0], total));
          }
        },
        (ex, error) -> {
          if (answered[0]) {
            return;
          }
          answered[0] = true;
          ex.setPersistent(false);
          sendError(ex, GameLiftError.SERIALIZATION, received[0] > MAX_BODY_BYTES
              ? "Request body exceeds " + MAX_BODY_BYTES + " bytes" : "Request body could not be read: it was cut short");
        });
  }

  private void invoke(HttpServerExchange exchange, Route route, byte[] body, String requestId) {
    Object request;
    Caller caller;
    try {
      caller = callers.resolve(exchange, body);
      request = route.reader().readValue(body.length == 0 ? EMPTY_OBJECT : body);
      if (request == null) {
        throw new GameLiftFailure(GameLiftError.SERIALIZATION, "The request body must be a JSON object");
      }
    } catch (Throwable failure) {
      refuse(exchange, route, failure, requestId);
      return;
    }
    if (exchange.isInIoThread() && route.operation().mayBlock(request)) {
      Object parsed = request;
      exchange.dispatch(() -> execute(exchange, route, caller, parsed, requestId));
    } else {
      execute(exchange, route, caller, request, requestId);
    }
  }

  private void execute(HttpServerExchange exchange, Route route, Caller caller, Object request, String requestId) {
    try {
      Object response = route.operation().execute(caller, request);
      byte[] bytes = response == null ? new byte[0] : writer.writeValueAsBytes(response);
      exchange.setStatusCode(200);
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
      exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    } catch (Throwable failure) {
      refuse(exchange, route, failure, requestId);
    }
  }

  private void refuse(HttpServerExchange exchange, Route route, Throwable failure, String requestId) {
    if (failure instanceof GameLiftFailure refusal) {
      sendError(exchange, refusal.error(), refusal.getMessage());
    } else if (failure instanceof InvalidValueException invalid) {
      sendError(exchange, GameLiftError.INVALID_REQUEST,
          invalid.isConstraintViolation() ? "1 validation error detected: " + invalid.getMessage() : invalid.getMessage());
    } else if (failure instanceof InvalidTagException tagging) {
      sendError(exchange, GameLiftError.TAGGING_FAILED, tagging.getMessage());
    } else if (failure instanceof BuildNotFoundException notFound) {
      sendError(exchange, GameLiftError.NOT_FOUND, notFound.getMessage());
    } else if (failure instanceof StateConflictException conflict) {
      sendError(exchange, route.operation().declaresConflict() ? GameLiftError.CONFLICT : GameLiftError.INVALID_REQUEST,
          conflict.getMessage());
    } else if (failure instanceof BuildStorage.ObjectUnavailableException unavailable) {
      sendError(exchange, GameLiftError.INVALID_REQUEST, unavailable.getMessage());
    } else if (failure instanceof JsonProcessingException json) {
      sendError(exchange, GameLiftError.SERIALIZATION, describe(json));
    } else {
      String kind = failure instanceof DependencyFailureException ? "dependency failure" : "unexpected failure";
      LOG.log(System.Logger.Level.ERROR, () -> kind + " in " + route.operation().name() + ", request " + requestId, failure);
      sendError(exchange, GameLiftError.INTERNAL_SERVICE, GameLiftError.INTERNAL_MESSAGE);
    }
  }

  private static String describe(JsonProcessingException json) {
    if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String path = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "member")
          .collect(Collectors.joining("."));
      return "Unexpected JSON value for member '" + path + "'";
    }
    if (json instanceof JsonMappingException) {
      return "The request body must be a JSON object";
    }
    return "The request body is not valid JSON";
  }

  void sendError(HttpServerExchange exchange, GameLiftError error, String message) {
    ObjectNode body = mapper.createObjectNode().put("__type", error.code()).put("message", message);
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("an ObjectNode of two strings always serializes", e);
    }
    exchange.setStatusCode(error.status());
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
    exchange.getResponseHeaders().put(ERROR_TYPE, error.code());
    exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
  }

  private static boolean isJsonContentType(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return mediaType.equals(CONTENT_TYPE) || mediaType.equals("application/x-amz-json-1.0") || mediaType.equals("application/json");
  }

  private static String printable(String target) {
    if (target == null) {
      return "(none)";
    }
    String cut = target.length() > 100 ? target.substring(0, 100) + "…" : target;
    return "'" + cut.replaceAll("[^\\x20-\\x7E]", "?") + "'";
  }
}
