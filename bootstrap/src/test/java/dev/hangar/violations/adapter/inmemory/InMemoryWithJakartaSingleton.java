package dev.hangar.violations.adapter.inmemory;

import jakarta.inject.Singleton;

/** Breaks rule 6: a DI annotation (jakarta.inject) outside bootstrap. */
@Singleton
public final class InMemoryWithJakartaSingleton {
}
