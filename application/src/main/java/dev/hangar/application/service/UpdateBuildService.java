package dev.hangar.application.service;

import dev.hangar.application.port.in.BuildNotFoundException;
import dev.hangar.application.port.in.UpdateBuildCommand;
import dev.hangar.application.port.in.UpdateBuildUseCase;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildPolicy;

public final class UpdateBuildService implements UpdateBuildUseCase {
  private final BuildRepository builds;
  private final BuildPolicy policy;

  public UpdateBuildService(BuildRepository builds, BuildPolicy policy) {
    this.builds = builds;
    this.policy = policy;
  }

  @Override
  public Build updateBuild(UpdateBuildCommand command) {
    return builds.update(command.caller(), command.build(), policy.homeRegion(),
            build -> build.describeAs(command.name(), command.version()))
        .orElseThrow(() -> new BuildNotFoundException(command.build()));
  }
}
