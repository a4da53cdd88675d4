package dev.hangar.violations.adapter.http;

/** Breaks rule 8: a Java exception named after a wire error. */
public final class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
