package dev.hangar.adapter.http.s3;

/** Every error the S3-compatible upload endpoint sends, with S3's status and default message. */
public enum S3Error {
  ACCESS_DENIED("AccessDenied", 403, "Access Denied"),
  INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records."),
  SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403,
      "The request signature we calculated does not match the signature you provided. Check your key and signing method."),
  REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large."),
  AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400, "The authorization header is malformed."),
  AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400, "The query-string authorization parameters are malformed."),
  INVALID_TOKEN("InvalidToken", 400, "The provided token is malformed or otherwise invalid."),
  EXPIRED_TOKEN("ExpiredToken", 400, "The provided token has expired."),
  CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed."),
  BAD_DIGEST("BadDigest", 400, "The checksum you specified did not match what we received."),
  INVALID_DIGEST("InvalidDigest", 400, "The checksum you specified is not valid."),
  INCOMPLETE_BODY("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header."),
  MISSING_CONTENT_LENGTH("MissingContentLength", 411, "You must provide the Content-Length HTTP header."),
  ENTITY_TOO_SMALL("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size."),
  ENTITY_TOO_LARGE("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed object size."),
  INVALID_PART("InvalidPart", 400, "One or more of the specified parts could not be found."),
  INVALID_PART_ORDER("InvalidPartOrder", 400, "The list of parts was not in ascending order."),
  INVALID_ARGUMENT("InvalidArgument", 400, "Invalid Argument"),
  INVALID_REQUEST("InvalidRequest", 400, "Invalid Request"),
  MALFORMED_XML("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema."),
  NO_SUCH_UPLOAD("NoSuchUpload", 404, "The specified upload does not exist."),
  INVALID_RANGE("InvalidRange", 416, "The requested range is not satisfiable"),
  NO_SUCH_BUCKET("NoSuchBucket", 404, "The specified bucket does not exist."),
  NO_SUCH_KEY("NoSuchKey", 404, "The specified key does not exist."),
  METHOD_NOT_ALLOWED("MethodNotAllowed", 405, "The specified method is not allowed against this resource."),
  NOT_IMPLEMENTED("NotImplemented", 501, "A header or operation you provided implies functionality that is not implemented."),
  INTERNAL_ERROR("InternalError", 500, "We encountered an internal error. Please try again."),
  SERVICE_UNAVAILABLE("ServiceUnavailable", 503, "The node is shutting down; send the request again, to another node if there is one.");

  private final String code;
  private final int status;
  private final String message;

  S3Error(String code, int status, String message) {
    this.code = code;
    this.status = status;
    this.message = message;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public String message() {
    return message;
  }
}
