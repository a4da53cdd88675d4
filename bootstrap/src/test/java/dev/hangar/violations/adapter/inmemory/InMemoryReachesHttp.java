package dev.hangar.violations.adapter.inmemory;

import dev.hangar.violations.adapter.http.HttpOperation;

/** Breaks rule 5: the in-memory adapter slice depends on the HTTP adapter slice. */
public final class InMemoryReachesHttp {
  public String borrow() {
    return new HttpOperation().name();
  }
}
