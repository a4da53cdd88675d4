package dev.hangar.violations.application.port.in;

/** Breaks rule 3: a port that is neither an interface, a record nor an exception. */
public final class PlainClassPort {
  public int answer() {
    return 42;
  }
}
