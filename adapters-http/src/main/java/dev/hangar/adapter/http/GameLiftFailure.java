package dev.hangar.adapter.http;

/** A refusal decided in the HTTP adapter itself (protocol, authentication), already carrying its wire error. */
public final class GameLiftFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final GameLiftError error;

  public GameLiftFailure(GameLiftError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public GameLiftError error() {
    return error;
  }
}
