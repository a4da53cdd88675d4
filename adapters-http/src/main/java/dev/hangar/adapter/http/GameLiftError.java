package dev.hangar.adapter.http;

/**
 * Every error the GameLift endpoint sends: the {@code __type} and {@code x-amzn-ErrorType} name and the
 * HTTP status. AWS JSON 1.1 answers 400 for client errors and 500 for faults; the front-end's
 * authentication errors keep the statuses AWS gives them.
 */
public enum GameLiftError {
  INVALID_REQUEST("InvalidRequestException", 400, Namespaces.MODEL),
  NOT_FOUND("NotFoundException", 400, Namespaces.MODEL),
  CONFLICT("ConflictException", 400, Namespaces.MODEL),
  TAGGING_FAILED("TaggingFailedException", 400, Namespaces.MODEL),
  UNAUTHORIZED("UnauthorizedException", 400, Namespaces.MODEL),
  INTERNAL_SERVICE("InternalServiceException", 500, Namespaces.MODEL),
  SERIALIZATION("SerializationException", 400, Namespaces.FRONT_END),
  UNKNOWN_OPERATION("UnknownOperationException", 400, Namespaces.FRONT_END),
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400, Namespaces.FRONT_END),
  UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400, Namespaces.FRONT_END),
  INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400, Namespaces.FRONT_END),
  INVALID_SIGNATURE("InvalidSignatureException", 400, Namespaces.FRONT_END),
  EXPIRED_TOKEN("ExpiredTokenException", 400, Namespaces.FRONT_END),
  /** The node is shutting down (SIGTERM): SDKs retry a 503, on another node behind a load balancer. */
  SERVICE_UNAVAILABLE("ServiceUnavailableException", 503, Namespaces.FRONT_END);

  /** The message of every fault: the detail goes to the log under the request id, never to the client. */
  public static final String INTERNAL_MESSAGE = "The service encountered an internal error. Try again.";

  private final String code;
  private final int status;
  private final String namespace;

  GameLiftError(String code, int status, String namespace) {
    this.code = code;
    this.status = status;
    this.namespace = namespace;
  }

  /**
   * The error's absolute shape id, which Smithy RPC v2 CBOR sends as {@code __type}: the model's errors are in
   * GameLift's namespace; the front end's (protocol and authentication) in the one AWS front ends use for them.
   */
  public String shapeId() {
    return namespace + "#" + code;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  private static final class Namespaces {
    static final String MODEL = "com.amazonaws.gamelift";
    static final String FRONT_END = "com.amazon.coral.service";
  }
}
