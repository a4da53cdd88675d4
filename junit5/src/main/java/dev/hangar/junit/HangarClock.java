package dev.hangar.junit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node's clock: the system's, moved by what the test {@link #advance advances} it. The node reads no other
 * time, so leases and uploads expire when this clock says so.
 *
 * <p>Moving it more than 15 minutes past the time the Java SDK signs with makes the node refuse that SDK's
 * requests as skewed; the SDK then corrects its clock for the whole JVM ({@code SdkGlobalTime}) and keeps that
 * correction. Run tests that move the clock that far in a JVM of their own, or call {@link #reset()} and expect the
 * SDK's correction to stay.
 */
public final class HangarClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  HangarClock(Clock base) {
    this.base = Objects.requireNonNull(base, "base");
  }

  /** Moves the node's time forward by {@code amount} (not negative), from now on. */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("the clock moves forward only, not by " + amount);
    }
    offset.accumulateAndGet(amount, Duration::plus);
  }

  /** The node's time is the system's again. */
  public void reset() {
    offset.set(Duration.ZERO);
  }

  /** How far ahead of the system's time the node is. */
  public Duration offset() {
    return offset.get();
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the node's clock is in UTC");
  }
}
