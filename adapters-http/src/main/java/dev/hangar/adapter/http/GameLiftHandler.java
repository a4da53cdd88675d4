package dev.hangar.adapter.http;

import dev.hangar.adapter.http.observe.RequestFacts;
import dev.hangar.application.port.in.BuildNotFoundException;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.domain.failure.InvalidTagException;
import dev.hangar.domain.failure.InvalidValueException;
import dev.hangar.domain.failure.StateConflictException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The GameLift endpoint, in both of its protocols: AWS JSON 1.1 ({@code POST /}, {@code X-Amz-Target:
 * GameLift.<Operation>}) and Smithy RPC v2 CBOR ({@code POST /service/GameLift/operation/<Operation>}). It reads
 * the small body without blocking, authenticates the caller, has the request's protocol parse the body into the
 * operation's wire record, runs the operation (inline, or on an executor when the adapters behind the use cases
 * block), and owns the mapping of every failure to a {@link GameLiftError}, which the protocol renders.
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
  public static final String CONTENT_TYPE = AwsJsonProtocol.CONTENT_TYPE;
  static final HttpString TARGET = AwsJsonProtocol.TARGET;
  static final HttpString REQUEST_ID = new HttpString("x-amzn-RequestId");
  private static final System.Logger LOG = System.getLogger(GameLiftHandler.class.getName());

  private record Route(GameLiftOperation<Object, Object> operation, GameLiftProtocol protocol,
      GameLiftProtocol.RequestReader reader) {
  }

  /** One protocol's view of the operations: each operation with that protocol's reader of its requests. */
  private record Binding(GameLiftProtocol protocol, String label, Map<String, Route> routes) {
  }

  private final Binding json;
  private final Binding cbor;
  private final Set<String> served;
  private final CallerResolver callers;
  private final Blocking blocking;
  private final HttpDates dates;

  /** What may block a thread in the adapters behind the operations: those calls leave Undertow's IO thread. */
  public enum Blocking {
    /** Nothing (in-memory adapters): every call runs on the IO thread that read it, but a request that {@link GameLiftOperation#mayBlock}. */
    NOTHING,
    /**
     * Writes to the catalog, which wait for a durable commit (the local SQLite catalog, whose reads are served
     * from memory), and requests that {@link GameLiftOperation#mayBlock}.
     */
    CATALOG_WRITES,
    /** Every call (a catalog across the network). */
    EVERYTHING
  }

  /** {@code dispatchToWorker} true is {@link Blocking#EVERYTHING}, false is {@link Blocking#NOTHING}. */
  public GameLiftHandler(List<GameLiftOperation<?, ?>> operations, CallerResolver callers, boolean dispatchToWorker,
      java.time.Clock clock) {
    this(operations, callers, dispatchToWorker ? Blocking.EVERYTHING : Blocking.NOTHING, clock);
  }

  public GameLiftHandler(List<GameLiftOperation<?, ?>> operations, CallerResolver callers, Blocking blocking,
      java.time.Clock clock) {
    this.dates = new HttpDates(clock);
    this.callers = callers;
    this.blocking = blocking;
    this.json = bind(new AwsJsonProtocol(), RequestFacts.Protocol.JSON, operations);
    this.cbor = bind(new RpcV2CborProtocol(), RequestFacts.Protocol.CBOR, operations);
    this.served = json.routes().keySet();
  }

  @SuppressWarnings("unchecked")
  private static Binding bind(GameLiftProtocol protocol, String label, List<GameLiftOperation<?, ?>> operations) {
    Map<String, Route> byName = new HashMap<>();
    for (GameLiftOperation<?, ?> operation : operations) {
      GameLiftOperation<Object, Object> op = (GameLiftOperation<Object, Object>) operation;
      if (byName.put(op.name(), new Route(op, protocol, protocol.reader(op.requestType()))) != null) {
        throw new IllegalArgumentException("two operations named " + op.name());
      }
    }
    return new Binding(protocol, label, Map.copyOf(byName));
  }

  /** Whether a request is a GameLift call, in either protocol; anything else on the port is for S3. */
  public static boolean addresses(HttpServerExchange exchange) {
    return exchange.getRequestHeaders().contains(TARGET) || RpcV2CborProtocol.addresses(UndertowRequests.rawPath(exchange));
  }

  /** The first path segment that the CBOR protocol's paths take, which no bucket on this port can have. */
  public static String reservedPathSegment() {
    return RpcV2CborProtocol.reservedPathSegment();
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String requestId = RequestIds.next();
    exchange.getResponseHeaders().put(REQUEST_ID, requestId);
    dates.stamp(exchange);
    Binding binding = binding(exchange);
    GameLiftProtocol protocol = binding.protocol();
    RequestFacts.protocol(exchange, binding.label());
    Route route;
    try {
      route = binding.routes().get(protocol.operation(exchange, served));
    } catch (GameLiftFailure refusal) {
      refuseUnread(exchange, protocol, refusal.error(), refusal.getMessage());
      return;
    }
    RequestFacts.operation(exchange, binding.label(), route.operation().name());
    if (exchange.getRequestContentLength() > (long) MAX_BODY_BYTES + MAX_DISCARDED_BYTES) {
      refuseUnread(exchange, protocol, GameLiftError.SERIALIZATION, "Request body exceeds " + MAX_BODY_BYTES + " bytes");
      return;
    }
    readBody(exchange, protocol, body -> {
      if (blocking == Blocking.EVERYTHING) {
        exchange.dispatch(() -> invoke(exchange, route, body, requestId));
      } else {
        invoke(exchange, route, body, requestId);
      }
    });
  }

  private Binding binding(HttpServerExchange exchange) {
    return RpcV2CborProtocol.addresses(UndertowRequests.rawPath(exchange)) ? cbor : json;
  }

  /**
   * Answers a GameLift call that arrived while the node drains for a shutdown: 503 in the request's protocol,
   * which SDKs retry, without reading the body; the connection closes after the reply.
   */
  public void refuseUnavailable(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(REQUEST_ID, RequestIds.next());
    dates.stamp(exchange);
    Binding binding = binding(exchange);
    RequestFacts.protocol(exchange, binding.label());
    refuseUnread(exchange, binding.protocol(), GameLiftError.SERVICE_UNAVAILABLE, "The node is shutting down; send the request again, "
        + "to another node if there is one.");
  }

  /** Refused before the body is read: close after answering rather than drain a body nobody wants. */
  private static void refuseUnread(HttpServerExchange exchange, GameLiftProtocol protocol, GameLiftError error, String message) {
    exchange.setPersistent(false);
    protocol.sendError(exchange, error, message);
  }

  /**
   * Reads the whole body on the IO thread without blocking, at most {@link #MAX_BODY_BYTES}. A longer one,
   * chunked or not, is refused and the connection closed once the body has ended or
   * {@link #MAX_DISCARDED_BYTES} more have been read and thrown away, whichever comes first.
   */
  private static void readBody(HttpServerExchange exchange, GameLiftProtocol protocol, java.util.function.Consumer<byte[]> then) {
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
              protocol.sendError(ex, GameLiftError.SERIALIZATION, "Request body exceeds " + MAX_BODY_BYTES + " bytes");
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
          protocol.sendError(ex, GameLiftError.SERIALIZATION, received[0] > MAX_BODY_BYTES
              ? "Request body exceeds " + MAX_BODY_BYTES + " bytes" : "Request body could not be read: it was cut short");
        });
  }

  private void invoke(HttpServerExchange exchange, Route route, byte[] body, String requestId) {
    Object request;
    Caller caller;
    try {
      caller = callers.resolve(exchange, body);
      request = route.reader().read(exchange, body);
    } catch (Throwable failure) {
      refuse(exchange, route, failure, requestId);
      return;
    }
    if (exchange.isInIoThread()
        && (route.operation().mayBlock(request) || blocking == Blocking.CATALOG_WRITES && route.operation().writesCatalog())) {
      Object parsed = request;
      exchange.dispatch(() -> execute(exchange, route, caller, parsed, requestId));
    } else {
      execute(exchange, route, caller, request, requestId);
    }
  }

  private void execute(HttpServerExchange exchange, Route route, Caller caller, Object request, String requestId) {
    try {
      route.protocol().sendReply(exchange, route.operation().execute(caller, request));
    } catch (Throwable failure) {
      refuse(exchange, route, failure, requestId);
    }
  }

  private void refuse(HttpServerExchange exchange, Route route, Throwable failure, String requestId) {
    GameLiftProtocol protocol = route.protocol();
    if (failure instanceof GameLiftFailure refusal) {
      protocol.sendError(exchange, refusal.error(), refusal.getMessage());
    } else if (failure instanceof InvalidValueException invalid) {
      protocol.sendError(exchange, GameLiftError.INVALID_REQUEST,
          invalid.isConstraintViolation() ? "1 validation error detected: " + invalid.getMessage() : invalid.getMessage());
    } else if (failure instanceof InvalidTagException tagging) {
      protocol.sendError(exchange, GameLiftError.TAGGING_FAILED, tagging.getMessage());
    } else if (failure instanceof BuildNotFoundException notFound) {
      protocol.sendError(exchange, GameLiftError.NOT_FOUND, notFound.getMessage());
    } else if (failure instanceof StateConflictException conflict) {
      protocol.sendError(exchange, route.operation().declaresConflict() ? GameLiftError.CONFLICT : GameLiftError.INVALID_REQUEST,
          conflict.getMessage());
    } else if (failure instanceof BuildStorage.ObjectUnavailableException unavailable) {
      protocol.sendError(exchange, GameLiftError.INVALID_REQUEST, unavailable.getMessage());
    } else {
      String kind = failure instanceof DependencyFailureException ? "dependency failure" : "unexpected failure";
      LOG.log(System.Logger.Level.ERROR, () -> kind + " in " + route.operation().name() + " over " + protocol.name()
          + ", request " + requestId, failure);
      protocol.sendError(exchange, GameLiftError.INTERNAL_SERVICE, GameLiftError.INTERNAL_MESSAGE);
    }
  }
}
