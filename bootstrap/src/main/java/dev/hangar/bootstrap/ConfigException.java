package dev.hangar.bootstrap;

/** A flag or environment variable that Hangar cannot run with; the message says which and why. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
