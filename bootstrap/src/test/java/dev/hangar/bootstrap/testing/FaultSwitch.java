package dev.hangar.bootstrap.testing;

import java.util.concurrent.atomic.AtomicBoolean;

/** Turns the catalog of a test node into one whose every call fails like a broken dependency. */
public final class FaultSwitch {
  private final AtomicBoolean failing = new AtomicBoolean();

  public void fail(boolean on) {
    failing.set(on);
  }

  boolean failing() {
    return failing.get();
  }
}
