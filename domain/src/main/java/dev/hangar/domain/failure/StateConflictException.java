package dev.hangar.domain.failure;

/** The aggregate is in a state in which the requested change is not allowed. */
public final class StateConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StateConflictException(String message) {
    super(message);
  }
}
