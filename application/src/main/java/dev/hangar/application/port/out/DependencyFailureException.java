package dev.hangar.application.port.out;

/**
 * Something the service depends on (storage, the catalog, the credential issuer) failed. Adapters wrap
 * their own failures in it; the wire reports an internal service error without the detail.
 */
public final class DependencyFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DependencyFailureException(String message, Throwable cause) {
    super(message, cause);
  }

  public DependencyFailureException(String message) {
    super(message);
  }
}
