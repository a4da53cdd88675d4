package dev.hangar.application.port.in;

import dev.hangar.domain.build.Build;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A page of builds, and the cursor to the next page when there may be one. */
public record ListBuildsResult(List<Build> builds, Optional<ListingCursor> next) {
  public ListBuildsResult {
    builds = List.copyOf(builds);
    Objects.requireNonNull(next, "next");
  }
}
