package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.build.BuildStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a listing stopped: the last build id returned, for one account and one status filter. The wire
 * adapter seals it into an opaque NextToken; the service refuses a cursor made for another account or
 * another filter.
 */
public record ListingCursor(AccountId account, Optional<BuildStatus> status, BuildId after) {
  public ListingCursor {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(after, "after");
  }
}
