package dev.hangar.application.service;

import dev.hangar.application.port.in.BuildNotFoundException;
import dev.hangar.application.port.in.DescribeBuildQuery;
import dev.hangar.application.port.in.DescribeBuildUseCase;
import dev.hangar.application.port.in.SyncBuildFilesUseCase;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildPolicy;

public final class DescribeBuildService implements DescribeBuildUseCase {
  private final BuildRepository builds;
  private final SyncBuildFilesUseCase files;
  private final BuildPolicy policy;

  public DescribeBuildService(BuildRepository builds, SyncBuildFilesUseCase files, BuildPolicy policy) {
    this.builds = builds;
    this.files = files;
    this.policy = policy;
  }

  @Override
  public Build describeBuild(DescribeBuildQuery query) {
    return files.syncBuildFiles(builds.find(query.caller(), query.build(), policy.homeRegion())
        .orElseThrow(() -> new BuildNotFoundException(query.build())));
  }
}
