package dev.hangar.application.port.in;

/**
 * The upload is not allowed: the lease does not cover that bucket and key, has expired, or its build no
 * longer waits for files; or the caller may not read that object.
 */
public final class UploadDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UploadDeniedException(String message) {
    super(message, null, false, false);
  }
}
