package dev.hangar.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class KeyedLocksTest {
  private final KeyedLocks locks = new KeyedLocks();

  @Test
  void holding_secondHolderWaits_entryGoneWhenTheLastLeaves() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean secondRanWhileFirstHeld = new AtomicBoolean();
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> locks.holding("a", () -> {
      inside.countDown();
      await(release);
    }));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    Thread[] waiter = new Thread[1];
    CompletableFuture<Void> second = new CompletableFuture<>();
    waiter[0] = new Thread(() -> {
      locks.holding("a", () -> secondRanWhileFirstHeld.set(release.getCount() > 0));
      second.complete(null);
    });
    waiter[0].start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (waiter[0].getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(waiter[0].getState()).as("the second holder waits for the first").isEqualTo(Thread.State.BLOCKED);
    assertThat(locks.size()).isEqualTo(1);
    locks.holding("b", () -> assertThat(locks.size()).isEqualTo(2));
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    assertThat(secondRanWhileFirstHeld).isFalse();
    assertThat(locks.size()).isZero();
  }

  @Test
  void holding_workFails_entryGoneAnyway() {
    try {
      locks.holding("a", () -> {
        throw new IllegalStateException("boom");
      });
    } catch (IllegalStateException expected) {
      // the failure goes on
    }
    assertThat(locks.size()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
