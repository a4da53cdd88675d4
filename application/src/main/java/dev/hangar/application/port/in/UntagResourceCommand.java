package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildReference;
import java.util.List;
import java.util.Objects;

public record UntagResourceCommand(AccountId caller, BuildReference resource, List<String> tagKeys) {
  public UntagResourceCommand {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(resource, "resource");
    tagKeys = List.copyOf(tagKeys);
  }
}
