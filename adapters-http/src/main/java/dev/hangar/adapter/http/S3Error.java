package dev.hangar.adapter.http;

/** The S3 error codes the upload endpoint sends, with S3's statuses and default messages. */
public enum S3Error {
  NOT_IMPLEMENTED("NotImplemented", 501, "A header or operation you provided implies functionality that is not implemented."),
  METHOD_NOT_ALLOWED("MethodNotAllowed", 405, "The specified method is not allowed against this resource.");

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
