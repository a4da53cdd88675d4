package dev.hangar.violations.adapter.http;

/** Follows every rule: a class of the HTTP adapter slice, used by the in-memory slice. */
public final class HttpOperation {
  public String name() {
    return "HttpOperation";
  }
}
