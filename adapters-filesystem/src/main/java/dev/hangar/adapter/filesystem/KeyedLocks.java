package dev.hangar.adapter.filesystem;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One monitor per name while someone holds or waits for it: an entry is made by the first holder and
 * removed when the last one leaves, so the map holds only the work in flight.
 */
final class KeyedLocks {
  private final ConcurrentHashMap<String, Holders> held = new ConcurrentHashMap<>();

  /** The monitor of one name and how many threads hold it or wait for it; changed only inside the map's compute. */
  private static final class Holders {
    private int count;
  }

  /** Runs {@code work} while holding the name's monitor and returns what it returns. */
  <T> T holding(String name, Supplier<T> work) {
    Holders holders = held.compute(name, (key, existing) -> {
      Holders joined = existing == null ? new Holders() : existing;
      joined.count++;
      return joined;
    });
    try {
      synchronized (holders) {
        return work.get();
      }
    } finally {
      held.computeIfPresent(name, (key, existing) -> --existing.count == 0 ? null : existing);
    }
  }

  void holding(String name, Runnable work) {
    holding(name, () -> {
      work.run();
      return null;
    });
  }

  /** How many names are held or waited for now. */
  int size() {
    return held.size();
  }
}
