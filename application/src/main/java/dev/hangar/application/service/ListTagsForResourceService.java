package dev.hangar.application.service;

import dev.hangar.application.port.in.BuildNotFoundException;
import dev.hangar.application.port.in.ListTagsForResourceQuery;
import dev.hangar.application.port.in.ListTagsForResourceUseCase;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.domain.build.BuildPolicy;
import dev.hangar.domain.build.Tag;
import java.util.List;

public final class ListTagsForResourceService implements ListTagsForResourceUseCase {
  private final BuildRepository builds;
  private final BuildPolicy policy;

  public ListTagsForResourceService(BuildRepository builds, BuildPolicy policy) {
    this.builds = builds;
    this.policy = policy;
  }

  @Override
  public List<Tag> listTagsForResource(ListTagsForResourceQuery query) {
    return builds.find(query.caller(), query.build(), policy.homeRegion())
        .orElseThrow(() -> new BuildNotFoundException(query.build()))
        .tags().asList();
  }
}
