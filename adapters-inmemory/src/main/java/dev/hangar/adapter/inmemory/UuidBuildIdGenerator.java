package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.BuildIdGenerator;
import dev.hangar.domain.build.BuildId;
import java.util.UUID;

/** {@code build-<random uuid>}, as GameLift issues them. */
public final class UuidBuildIdGenerator implements BuildIdGenerator {
  @Override
  public BuildId next() {
    return BuildId.of(UUID.randomUUID());
  }
}
