package dev.hangar.violations.adapter.inmemory;

import javax.inject.Inject;

/** Breaks rule 6: a DI annotation (javax.inject) outside bootstrap. */
public final class InMemoryWithInject {
  @Inject
  public InMemoryWithInject() {
  }
}
