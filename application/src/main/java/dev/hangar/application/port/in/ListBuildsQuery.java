package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.failure.InvalidValueException;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of the caller's builds. {@code limit} is at least 1; pages hold at most {@link #MAX_PAGE_SIZE}
 * builds whatever the limit, and {@link #DEFAULT_PAGE_SIZE} when none is given.
 */
public record ListBuildsQuery(AccountId caller, Optional<BuildStatus> status, Optional<Integer> limit, Optional<ListingCursor> cursor) {
  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int MAX_PAGE_SIZE = 1000;

  public ListBuildsQuery {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(cursor, "cursor");
    if (limit.isPresent() && limit.get() < 1) {
      throw new InvalidValueException("Limit", limit.get().toString(), "Member must have value greater than or equal to 1");
    }
  }

  public int pageSize() {
    return Math.min(limit.orElse(DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  }
}
