package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildReference;
import java.util.Objects;

/** A caller naming one of its builds by id or ARN, to read it. */
public record DescribeBuildQuery(AccountId caller, BuildReference build) {
  public DescribeBuildQuery {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(build, "build");
  }
}
