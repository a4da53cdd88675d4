package dev.hangar.application.port.in;

/** A part, an object or an account's total would exceed the configured limit. */
public final class UploadTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UploadTooLargeException(String message) {
    super(message, null, false, false);
  }
}
