package dev.hangar.application.port.in;

import dev.hangar.domain.build.Build;
import dev.hangar.domain.credential.CredentialLease;
import java.util.Objects;
import java.util.Optional;

/** The new build and, when its files go to the service's storage, credentials to upload them. */
public record CreateBuildResult(Build build, Optional<CredentialLease> uploadCredentials) {
  public CreateBuildResult {
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(uploadCredentials, "uploadCredentials");
  }
}
