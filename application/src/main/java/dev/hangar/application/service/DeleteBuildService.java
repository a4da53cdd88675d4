package dev.hangar.application.service;

import dev.hangar.application.port.in.BuildNotFoundException;
import dev.hangar.application.port.in.DeleteBuildCommand;
import dev.hangar.application.port.in.DeleteBuildUseCase;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildPolicy;

public final class DeleteBuildService implements DeleteBuildUseCase {
  private final BuildRepository builds;
  private final BuildStorage storage;
  private final BuildPolicy policy;

  public DeleteBuildService(BuildRepository builds, BuildStorage storage, BuildPolicy policy) {
    this.builds = builds;
    this.storage = storage;
    this.policy = policy;
  }

  @Override
  public void deleteBuild(DeleteBuildCommand command) {
    Build removed = command.build().resolveIn(policy.homeRegion())
        .flatMap(id -> builds.remove(command.caller(), id))
        .orElseThrow(() -> new BuildNotFoundException(command.build()));
    // The build's files are always in the service's storage (a caller's object is copied in at creation).
    storage.deleteFiles(storage.locationFor(removed.owner(), removed.id()));
  }
}
