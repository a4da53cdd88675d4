package dev.hangar.bootstrap;

import dev.hangar.application.port.out.UploadStore;
import dev.hangar.application.port.out.AccountLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Removes multipart uploads whose lease has expired, every few seconds, on one daemon thread. */
final class UploadSweeper implements AutoCloseable {
  static final Duration PERIOD = Duration.ofSeconds(5);
  private static final System.Logger LOG = System.getLogger(UploadSweeper.class.getName());

  private final UploadStore uploads;
  private final AccountLedger ledger;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "hangar-upload-sweeper");
    thread.setDaemon(true);
    return thread;
  });

  UploadSweeper(UploadStore uploads, AccountLedger ledger, Clock clock) {
    this.uploads = uploads;
    this.ledger = ledger;
    this.clock = clock;
    timer.scheduleWithFixedDelay(this::sweepQuietly, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  int sweep() {
    int removed = uploads.removeExpiredUploads(clock.instant());
    if (removed > 0) {
      ledger.changedEverywhere();
    }
    return removed;
  }

  private void sweepQuietly() {
    try {
      int removed = sweep();
      if (removed > 0) {
        LOG.log(System.Logger.Level.INFO, () -> "removed " + removed + " expired multipart upload(s)");
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not remove expired multipart uploads", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
