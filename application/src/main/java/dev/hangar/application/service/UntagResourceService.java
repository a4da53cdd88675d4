package dev.hangar.application.service;

import dev.hangar.application.port.in.BuildNotFoundException;
import dev.hangar.application.port.in.UntagResourceCommand;
import dev.hangar.application.port.in.UntagResourceUseCase;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.domain.build.BuildPolicy;

public final class UntagResourceService implements UntagResourceUseCase {
  private final BuildRepository builds;
  private final BuildPolicy policy;

  public UntagResourceService(BuildRepository builds, BuildPolicy policy) {
    this.builds = builds;
    this.policy = policy;
  }

  @Override
  public void untagResource(UntagResourceCommand command) {
    builds.update(command.caller(), command.resource(), policy.homeRegion(), build -> build.untag(command.tagKeys()))
        .orElseThrow(() -> new BuildNotFoundException(command.resource()));
  }
}
