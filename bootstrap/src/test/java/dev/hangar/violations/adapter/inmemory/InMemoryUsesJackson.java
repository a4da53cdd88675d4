package dev.hangar.violations.adapter.inmemory;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks rule 7: Jackson outside the HTTP adapter and bootstrap. */
public final class InMemoryUsesJackson {
  private final ObjectMapper mapper = new ObjectMapper();

  public ObjectMapper mapper() {
    return mapper;
  }
}
