package dev.hangar.domain.build;

import java.util.Objects;

/** Where this service keeps builds (its home region) and what a build gets when the caller says nothing. */
public record BuildPolicy(Region homeRegion, OperatingSystem defaultOperatingSystem) {
  public BuildPolicy {
    Objects.requireNonNull(homeRegion, "homeRegion");
    Objects.requireNonNull(defaultOperatingSystem, "defaultOperatingSystem");
  }
}
