package dev.hangar.bootstrap.testing;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for a condition the node reaches on its own: polled every 20 ms, bounded in time. */
public final class Await {
  private Await() {
  }

  /** Returns once {@code condition} holds; fails with {@code what} after {@code seconds}. */
  public static void until(BooleanSupplier condition, long seconds, String what) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      LockSupport.parkNanos(20_000_000L);
    }
  }
}
