package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildReference;
import dev.hangar.domain.build.Tag;
import java.util.List;
import java.util.Objects;

public record TagResourceCommand(AccountId caller, BuildReference resource, List<Tag> tags) {
  public TagResourceCommand {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(resource, "resource");
    tags = List.copyOf(tags);
  }
}
