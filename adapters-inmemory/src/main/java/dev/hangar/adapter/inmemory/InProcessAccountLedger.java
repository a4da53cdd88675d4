package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.in.UploadTooLargeException;
import dev.hangar.application.port.out.AccountLedger;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.UploadStore;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.failure.StateConflictException;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.UploadLimits;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An account's builds and bytes against its limits, kept exactly on one node (the embedded backends, whose data
 * folder one node holds alone).
 *
 * <p>Builds: a counter per account, seeded from the catalog on first use and moved only by this node's creations
 * and deletions: a creation takes a place with a compare-and-set before the build is stored, so concurrent
 * creations cannot pass the quota together.
 *
 * <p>Bytes: what is stored (every build's size on disk, imported ones included, and every part of an upload in
 * progress) plus what is being written now. A write reserves its declared length before its first byte is read:
 * the account's total is computed and the reservation taken under the account's lock, so two concurrent writes
 * cannot pass the limit together. A reservation ends when the write has committed or failed; until it ends, its
 * bytes may count twice (stored and reserved), which can only refuse, never let through. Reservations are in
 * memory: a crash ends the writes they were for as well. The total that {@link #requireUnderByteLimit} reads is
 * cached per account and dropped on every change this node makes.
 *
 * <p>Memory: one small entry per account that has used the node; accounts are the principals' (authenticated
 * callers only), so their number is bounded by configuration.
 */
public final class InProcessAccountLedger implements AccountLedger {
  private static final int PAGE = 1000;
  private static final double GIB = 1024.0 * 1024 * 1024;

  private final BuildRepository builds;
  private final BuildStorage storage;
  private final UploadStore uploads;
  private final UploadLimits limits;
  private final ConcurrentHashMap<AccountId, AtomicInteger> buildCounts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<AccountId, Usage> usages = new ConcurrentHashMap<>();

  /** An account's bytes in flight, and its total when known; guarded by the instance's monitor. */
  private static final class Usage {
    long reserved;
    long cachedTotal = -1;
  }

  /** Keeps {@code limits}' build quota and byte limit over these stores, which this node alone changes. */
  public InProcessAccountLedger(BuildRepository builds, BuildStorage storage, UploadStore uploads, UploadLimits limits) {
    this.builds = builds;
    this.storage = storage;
    this.uploads = uploads;
    this.limits = limits;
  }

  @Override
  public void admitBuild(AccountId account) {
    AtomicInteger count = counter(account);
    while (true) {
      int now = count.get();
      if (now >= limits.maxBuildsPerAccount()) {
        throw new StateConflictException("Current limit of builds of " + limits.maxBuildsPerAccount() + " have been reached.");
      }
      if (count.compareAndSet(now, now + 1)) {
        return;
      }
    }
  }

  @Override
  public void track(AccountId account) {
    counter(account);
  }

  @Override
  public void buildGone(AccountId account) {
    AtomicInteger count = buildCounts.get(account);
    if (count != null) {
      count.updateAndGet(n -> Math.max(0, n - 1));
    }
    changed(account);
  }

  @Override
  public void requireUnderByteLimit(AccountId account) {
    Usage usage = usage(account);
    long total;
    synchronized (usage) {
      if (usage.cachedTotal < 0) {
        usage.cachedTotal = stored(account) + usage.reserved;
      }
      total = usage.cachedTotal;
    }
    if (total > limits.maxAccountBytes()) {
      throw new StateConflictException(String.format(Locale.ROOT,
          "Account is currently over limit. Current total size: %.2fGB. Allowed total size: %.2fGB.",
          total / GIB, limits.maxAccountBytes() / GIB));
    }
  }

  @Override
  public Reservation reserve(AccountId account, long incoming, long replaced) {
    Usage usage = usage(account);
    synchronized (usage) {
      long total = stored(account) + usage.reserved;
      if (total - replaced + incoming > limits.maxAccountBytes()) {
        throw new UploadTooLargeException("Your proposed upload exceeds the account limit of " + limits.maxAccountBytes()
            + " bytes: its builds and uploads in progress take " + total + " bytes");
      }
      usage.reserved += incoming;
      usage.cachedTotal = -1;
    }
    return ending(usage, incoming);
  }

  @Override
  public Reservation hold(AccountId account, long bytes) {
    Usage usage = usage(account);
    synchronized (usage) {
      usage.reserved += bytes;
      usage.cachedTotal = -1;
    }
    return ending(usage, bytes);
  }

  private static Reservation ending(Usage usage, long incoming) {
    boolean[] closed = new boolean[1];
    return () -> {
      synchronized (usage) {
        if (!closed[0]) {
          closed[0] = true;
          usage.reserved -= incoming;
          usage.cachedTotal = -1;
        }
      }
    };
  }

  @Override
  public void changed(AccountId account) {
    Usage usage = usages.get(account);
    if (usage != null) {
      synchronized (usage) {
        usage.cachedTotal = -1;
      }
    }
  }

  @Override
  public void changedEverywhere() {
    usages.keySet().forEach(this::changed);
  }

  private AtomicInteger counter(AccountId account) {
    return buildCounts.computeIfAbsent(account, a -> new AtomicInteger(countBuilds(a)));
  }

  private Usage usage(AccountId account) {
    return usages.computeIfAbsent(account, a -> new Usage());
  }

  private int countBuilds(AccountId account) {
    int[] count = new int[1];
    forEachBuild(account, build -> count[0]++);
    return count[0];
  }

  /** Every build's size on disk, and every part stored for an upload to one of the account's locations. */
  private long stored(AccountId account) {
    long[] total = new long[1];
    forEachBuild(account, build -> total[0] += build.sizeOnDisk());
    for (Map.Entry<StorageLocation, Long> pending : uploads.pendingBytes().entrySet()) {
      StorageLocation location = pending.getKey();
      if (storage.ownerOf(location.bucket(), location.key()).filter(owner -> owner.account().equals(account)).isPresent()) {
        total[0] += pending.getValue();
      }
    }
    return total[0];
  }

  private void forEachBuild(AccountId account, java.util.function.Consumer<Build> action) {
    Optional<BuildId> after = Optional.empty();
    while (true) {
      BuildRepository.Page page = builds.list(account, Optional.empty(), after, PAGE);
      page.builds().forEach(action);
      if (!page.more() || page.builds().isEmpty()) {
        return;
      }
      after = Optional.of(page.builds().get(page.builds().size() - 1).id());
    }
  }
}
