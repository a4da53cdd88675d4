package dev.hangar.domain.failure;

/** A tag, or a set of tags, broke AWS's tagging rules (length, reserved prefix, count per resource). */
public final class InvalidTagException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidTagException(String message) {
    super(message);
  }
}
