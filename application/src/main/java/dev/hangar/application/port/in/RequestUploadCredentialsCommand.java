package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildReference;
import java.util.Objects;

/** A caller naming one of its builds by id or ARN, for a fresh upload lease. */
public record RequestUploadCredentialsCommand(AccountId caller, BuildReference build) {
  public RequestUploadCredentialsCommand {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(build, "build");
  }
}
