package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildReference;
import java.util.Objects;

/** A caller naming one of its builds by ARN (the resource), to read its tags. */
public record ListTagsForResourceQuery(AccountId caller, BuildReference build) {
  public ListTagsForResourceQuery {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(build, "build");
  }
}
