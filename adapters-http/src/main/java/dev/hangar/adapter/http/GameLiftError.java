package dev.hangar.adapter.http;

/**
 * Every error the GameLift endpoint sends: the {@code __type} and {@code x-amzn-ErrorType} name and the
 * HTTP status. AWS JSON 1.1 answers 400 for client errors and 500 for faults; the front-end's
 * authentication errors keep the statuses AWS gives them.
 */
public enum GameLiftError {
  INVALID_REQUEST("InvalidRequestException", 400),
  NOT_FOUND("NotFoundException", 400),
  CONFLICT("ConflictException", 400),
  TAGGING_FAILED("TaggingFailedException", 400),
  UNAUTHORIZED("UnauthorizedException", 400),
  INTERNAL_SERVICE("InternalServiceException", 500),
  SERIALIZATION("SerializationException", 400),
  UNKNOWN_OPERATION("UnknownOperationException", 400),
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400),
  UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
  INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
  INVALID_SIGNATURE("InvalidSignatureException", 400),
  EXPIRED_TOKEN("ExpiredTokenException", 400);

  /** The message of every fault: the detail goes to the log under the request id, never to the client. */
  public static final String INTERNAL_MESSAGE = "The service encountered an internal error. Try again.";

  private final String code;
  private final int status;

  GameLiftError(String code, int status) {
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }
}
