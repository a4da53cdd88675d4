package dev.hangar.adapter.http.s3;

import dev.hangar.adapter.http.s3.ClientStream.ClientGoneException;
import dev.hangar.adapter.http.s3.payload.PayloadException;
import dev.hangar.adapter.http.observe.RequestFacts;
import dev.hangar.adapter.http.sigv4.SigV4Exception;
import dev.hangar.adapter.http.sigv4.SigV4Verifier;
import dev.hangar.application.port.in.UploadDeniedException;
import dev.hangar.application.port.in.UploadTooLargeException;
import dev.hangar.application.port.out.UploadStore;
import dev.hangar.domain.failure.InvalidValueException;
import dev.hangar.domain.failure.MultipartRuleException;
import dev.hangar.domain.failure.StateConflictException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one place where a failure becomes S3's XML error: which {@link S3Error} each failure is, and how the
 * refusal is sent (the body may be unread, so the connection closes after the answer).
 */
final class S3ErrorMapping {
  private static final System.Logger LOG = System.getLogger(S3ErrorMapping.class.getName());

  private S3ErrorMapping() {
  }

  static void refuse(HttpServerExchange exchange, RuntimeException failure, String requestId) {
    if (failure instanceof S3Failure s3) {
      s3.headers().forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
      refuse(exchange, s3.error(), s3.getMessage(), s3.extra(), requestId);
    } else if (failure instanceof SigV4Exception refusal) {
      refuseSignature(exchange, refusal, requestId);
    } else if (failure instanceof PayloadException payload) {
      refuse(exchange, errorFor(payload.code()), payload.getMessage(), Map.of(), requestId);
    } else if (failure instanceof UploadDeniedException denied) {
      refuse(exchange, S3Error.ACCESS_DENIED, denied.getMessage(), Map.of(), requestId);
    } else if (failure instanceof StateConflictException conflict) {
      refuse(exchange, S3Error.ACCESS_DENIED, "Access Denied: " + conflict.getMessage(), Map.of(), requestId);
    } else if (failure instanceof UploadTooLargeException tooLarge) {
      refuse(exchange, S3Error.ENTITY_TOO_LARGE, tooLarge.getMessage(), Map.of(), requestId);
    } else if (failure instanceof UploadStore.TooManyUploadsException tooMany) {
      // Not SlowDown (503): SDKs retry that, and the limit does not lift by waiting.
      refuse(exchange, S3Error.INVALID_REQUEST, tooMany.getMessage(), Map.of(), requestId);
    } else if (failure instanceof UploadStore.NoSuchUploadException noSuchUpload) {
      refuse(exchange, S3Error.NO_SUCH_UPLOAD, noSuchUpload.getMessage(), Map.of(), requestId);
    } else if (failure instanceof MultipartRuleException rule) {
      refuse(exchange, errorFor(rule.violation()), rule.getMessage(), Map.of(), requestId);
    } else if (failure instanceof InvalidValueException invalid) {
      refuse(exchange, S3Error.INVALID_ARGUMENT, invalid.getMessage(), Map.of(), requestId);
    } else if (failure instanceof ClientGoneException gone) {
      // The body ended before its declared length, or the client went away: nothing was kept. Say so if
      // anyone is still listening (a half-closed connection is), then close.
      LOG.log(System.Logger.Level.DEBUG, () -> "request " + requestId + ": " + gone.getMessage());
      refuse(exchange, S3Error.INCOMPLETE_BODY, S3Error.INCOMPLETE_BODY.message(), Map.of(), requestId);
    } else {
      LOG.log(System.Logger.Level.ERROR, () -> "S3 request " + requestId + " failed", failure);
      refuse(exchange, S3Error.INTERNAL_ERROR, S3Error.INTERNAL_ERROR.message(), Map.of(), requestId);
    }
  }

  private static void refuseSignature(HttpServerExchange exchange, SigV4Exception refusal, String requestId) {
    RequestFacts.authRefused(exchange, refusal.reason().name());
    boolean presigned = dev.hangar.adapter.http.UndertowRequests.target(exchange).firstValues().containsKey("X-Amz-Algorithm");
    switch (refusal.reason()) {
      case MISSING_AUTHENTICATION -> refuse(exchange, S3Error.ACCESS_DENIED, "Access Denied", Map.of(), requestId);
      case MALFORMED, WRONG_SCOPE -> refuse(exchange, presigned ? S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR
          : S3Error.AUTHORIZATION_HEADER_MALFORMED, refusal.getMessage(), Map.of(), requestId);
      case WRONG_REGION -> refuse(exchange, S3Error.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; the region '"
          + refusal.expectedRegion().orElse("") + "' is expected.", Map.of("Region", refusal.expectedRegion().orElse("")), requestId);
      case REQUEST_TIME_SKEWED -> refuse(exchange, S3Error.REQUEST_TIME_TOO_SKEWED, S3Error.REQUEST_TIME_TOO_SKEWED.message(),
          Map.of("MaxAllowedSkewMilliseconds", Long.toString(SigV4Verifier.MAX_SKEW.toMillis())), requestId);
      case PRESIGNED_EXPIRED -> refuse(exchange, S3Error.ACCESS_DENIED, "Request has expired", Map.of(), requestId);
      case UNKNOWN_ACCESS_KEY -> refuse(exchange, S3Error.INVALID_ACCESS_KEY_ID, S3Error.INVALID_ACCESS_KEY_ID.message(), Map.of(), requestId);
      case INVALID_TOKEN -> refuse(exchange, S3Error.INVALID_TOKEN, S3Error.INVALID_TOKEN.message(), Map.of(), requestId);
      case EXPIRED_TOKEN -> refuse(exchange, S3Error.EXPIRED_TOKEN, S3Error.EXPIRED_TOKEN.message(), Map.of(), requestId);
      case UNSIGNED_HEADERS -> refuse(exchange, S3Error.ACCESS_DENIED, refusal.getMessage(), Map.of(), requestId);
      case SIGNATURE_MISMATCH -> refuse(exchange, S3Error.SIGNATURE_DOES_NOT_MATCH, S3Error.SIGNATURE_DOES_NOT_MATCH.message(), Map.of(),
          requestId);
    }
  }

  private static void refuse(HttpServerExchange exchange, S3Error error, String message, Map<String, String> extra, String requestId) {
    RequestFacts.error(exchange, error.code());
    if (exchange.isResponseStarted()) {
      exchange.setPersistent(false);
      exchange.endExchange();
      return;
    }
    // The body may be unread (and, with Expect: 100-continue, unsent): never wait for it, close after answering.
    exchange.setPersistent(false);
    exchange.setStatusCode(error.status());
    exchange.getResponseHeaders().remove(Headers.ETAG);
    if (exchange.getRequestMethod().toString().equals("HEAD")) {
      exchange.endExchange();
      return;
    }
    byte[] xml = S3Xml.error(error, message, requestId, extra).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/xml");
    exchange.setResponseContentLength(xml.length);
    try {
      exchange.getOutputStream().write(xml);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, () -> "could not send an S3 error to the client of " + requestId);
    }
    exchange.endExchange();
  }

  private static S3Error errorFor(PayloadException.Code code) {
    return switch (code) {
      case BAD_DIGEST -> S3Error.BAD_DIGEST;
      case CONTENT_SHA256_MISMATCH -> S3Error.CONTENT_SHA256_MISMATCH;
      case SIGNATURE_DOES_NOT_MATCH -> S3Error.SIGNATURE_DOES_NOT_MATCH;
      case INCOMPLETE_BODY -> S3Error.INCOMPLETE_BODY;
      case MALFORMED -> S3Error.INVALID_REQUEST;
      case INVALID_DIGEST -> S3Error.INVALID_DIGEST;
    };
  }

  private static S3Error errorFor(MultipartRuleException.Violation violation) {
    return switch (violation) {
      case INVALID_PART -> S3Error.INVALID_PART;
      case INVALID_PART_ORDER -> S3Error.INVALID_PART_ORDER;
      case ENTITY_TOO_SMALL -> S3Error.ENTITY_TOO_SMALL;
      case MALFORMED -> S3Error.MALFORMED_XML;
    };
  }
}
