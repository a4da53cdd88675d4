package dev.hangar.application.service;

import dev.hangar.application.port.in.BuildNotFoundException;
import dev.hangar.application.port.in.TagResourceCommand;
import dev.hangar.application.port.in.TagResourceUseCase;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.domain.build.BuildPolicy;

public final class TagResourceService implements TagResourceUseCase {
  private final BuildRepository builds;
  private final BuildPolicy policy;

  public TagResourceService(BuildRepository builds, BuildPolicy policy) {
    this.builds = builds;
    this.policy = policy;
  }

  @Override
  public void tagResource(TagResourceCommand command) {
    builds.update(command.caller(), command.resource(), policy.homeRegion(), build -> build.tag(command.tags()))
        .orElseThrow(() -> new BuildNotFoundException(command.resource()));
  }
}
