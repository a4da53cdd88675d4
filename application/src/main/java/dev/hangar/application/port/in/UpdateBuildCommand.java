package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildReference;
import dev.hangar.domain.build.FreeText;
import java.util.Objects;
import java.util.Optional;

/** Change a build's Name and/or Version; an absent one is left as it is. */
public record UpdateBuildCommand(AccountId caller, BuildReference build, Optional<FreeText> name, Optional<FreeText> version) {
  public UpdateBuildCommand {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }
}
