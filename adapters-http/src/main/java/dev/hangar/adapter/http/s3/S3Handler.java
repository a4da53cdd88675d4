package dev.hangar.adapter.http.s3;

import dev.hangar.adapter.http.HttpDates;
import dev.hangar.adapter.http.RequestIds;
import dev.hangar.adapter.http.observe.RequestFacts;
import dev.hangar.adapter.http.sigv4.SigV4Verifier;
import dev.hangar.adapter.http.sigv4.Verified;
import dev.hangar.application.port.out.LeaseLookup;
import dev.hangar.application.port.out.PrincipalDirectory;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The S3-compatible upload endpoint, path-style, on the API's port: the dispatcher. Every request is
 * authenticated ({@link S3Authentication}) before its body is touched, so {@code Expect: 100-continue} is
 * answered only once the request may go on; its target is parsed once ({@link S3Request}); it is routed by
 * method and sub-resource to one {@link S3Operation}; any failure becomes S3's XML error in
 * {@link S3ErrorMapping}. Leases may do exactly the upload operations on their one object; an account's API
 * keys may read back its builds' objects. Bodies stream through verification ({@link S3Body}) into storage,
 * which keeps nothing of a body that failed.
 */
public final class S3Handler implements HttpHandler {
  private static final HttpString REQUEST_ID = new HttpString("x-amz-request-id");
  private static final HttpString ID_2 = new HttpString("x-amz-id-2");

  private final S3Authentication authentication;
  private final Map<String, S3Operation> operations;
  private final HttpDates dates;

  public S3Handler(S3UseCases useCases, SigV4Verifier verifier, LeaseLookup leases, PrincipalDirectory principals, Clock clock) {
    this(useCases, S3Authentication.sigV4(verifier, leases, principals), clock);
  }

  S3Handler(S3UseCases useCases, S3Authentication authentication, Clock clock) {
    this.authentication = authentication;
    this.dates = new HttpDates(clock);
    this.operations = List.of(
        new PutObjectOperation(useCases.putObject()),
        new CreateMultipartUploadOperation(useCases.createMultipartUpload()),
        new UploadPartOperation(useCases.uploadPart()),
        new CompleteMultipartUploadOperation(useCases.completeMultipartUpload()),
        new AbortMultipartUploadOperation(useCases.abortMultipartUpload()),
        new ListPartsOperation(useCases.listParts()),
        new GetObjectOperation(useCases.getObject()),
        new HeadObjectOperation(useCases.getObject()))
        .stream().collect(Collectors.toUnmodifiableMap(S3Operation::name, Function.identity()));
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    RequestFacts.protocol(exchange, RequestFacts.Protocol.S3);
    String requestId = RequestIds.next();
    exchange.getResponseHeaders().put(REQUEST_ID, requestId).put(ID_2, requestId);
    dates.stamp(exchange);
    exchange.startBlocking();
    try {
      serve(exchange);
    } catch (RuntimeException failure) {
      S3ErrorMapping.refuse(exchange, failure, requestId);
    }
  }

  private void serve(HttpServerExchange exchange) {
    S3Request request = S3Request.of(exchange);
    Verified<S3Identity> verified = authentication.verify(exchange, request);
    if (request.keyName().isEmpty()) {
      throw verified.principal() instanceof S3Identity.Lease ? new S3Failure(S3Error.ACCESS_DENIED)
          : new S3Failure(S3Error.NOT_IMPLEMENTED, "Only objects of builds are served here: GET or HEAD /<bucket>/<key>");
    }
    S3Call call = new S3Call(exchange, request, verified, request.bucket(), request.key());
    String operation = operationOf(request);
    RequestFacts.operation(exchange, RequestFacts.Protocol.S3, operation);
    request.requireOnlyOperationParameters();
    operations.get(operation).execute(call);
  }

  /**
   * Answers a request that arrived while the node drains for a shutdown: S3's 503 ServiceUnavailable, which SDKs
   * retry, without reading the body; the connection closes after the reply.
   */
  public static void refuseUnavailable(HttpServerExchange exchange) {
    RequestFacts.protocol(exchange, RequestFacts.Protocol.S3);
    RequestFacts.error(exchange, S3Error.SERVICE_UNAVAILABLE.code());
    String requestId = RequestIds.next();
    exchange.getResponseHeaders().put(REQUEST_ID, requestId).put(ID_2, requestId);
    exchange.setPersistent(false);
    exchange.setStatusCode(S3Error.SERVICE_UNAVAILABLE.status());
    if (exchange.getRequestMethod().toString().equals("HEAD")) {
      exchange.endExchange();
      return;
    }
    exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, "application/xml");
    exchange.getResponseSender().send(S3Xml.error(S3Error.SERVICE_UNAVAILABLE, S3Error.SERVICE_UNAVAILABLE.message(), requestId,
        Map.of()));
  }

  /** The S3 operation a request names, by its method and sub-resource; anything else is refused. */
  static String operationOf(S3Request request) {
    boolean uploadId = request.has("uploadId");
    return switch (request.method()) {
      case "PUT" -> request.has("partNumber") || uploadId ? "UploadPart" : "PutObject";
      case "POST" -> {
        if (request.has("uploads")) {
          yield "CreateMultipartUpload";
        }
        if (uploadId) {
          yield "CompleteMultipartUpload";
        }
        throw new S3Failure(S3Error.ACCESS_DENIED);
      }
      case "DELETE" -> {
        if (!uploadId) {
          throw new S3Failure(S3Error.ACCESS_DENIED);
        }
        yield "AbortMultipartUpload";
      }
      case "GET" -> uploadId ? "ListParts" : "GetObject";
      case "HEAD" -> "HeadObject";
      default -> throw new S3Failure(S3Error.METHOD_NOT_ALLOWED);
    };
  }
}
