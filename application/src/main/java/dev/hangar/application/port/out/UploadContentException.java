package dev.hangar.application.port.out;

/**
 * The content a caller handed to a store could not be read to its end, through no fault of the store: the
 * caller's stream rejected its own bytes (a checksum, a signature or a length that does not match) or the
 * client sending them went away. The caller's {@code InputStream} raises it from {@code read}; a store lets
 * it go on unchanged, never wrapped in a {@link DependencyFailureException}, and keeps nothing of that write.
 * Subclasses (the HTTP adapter's) say which failure it was. No stack trace: it is an expected outcome.
 */
public abstract class UploadContentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected UploadContentException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
