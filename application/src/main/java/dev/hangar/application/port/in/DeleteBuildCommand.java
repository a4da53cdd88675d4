package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildReference;
import java.util.Objects;

/** A caller naming one of its builds by id or ARN, to delete it and its files. */
public record DeleteBuildCommand(AccountId caller, BuildReference build) {
  public DeleteBuildCommand {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(build, "build");
  }
}
