package dev.hangar.violations.adapter.inmemory;

import io.prometheus.metrics.core.metrics.Counter;

/** Breaks the metrics rule: the Prometheus client outside the HTTP adapter and bootstrap. */
public final class InMemoryUsesPrometheus {
  private final Counter counter;

  public InMemoryUsesPrometheus(Counter counter) {
    this.counter = counter;
  }

  public Counter counter() {
    return counter;
  }
}
