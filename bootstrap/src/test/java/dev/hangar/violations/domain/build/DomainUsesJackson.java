package dev.hangar.violations.domain.build;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks rule 1: the domain depends on Jackson. */
public final class DomainUsesJackson {
  private final ObjectMapper mapper = new ObjectMapper();

  public String render(Object value) throws Exception {
    return mapper.writeValueAsString(value);
  }
}
