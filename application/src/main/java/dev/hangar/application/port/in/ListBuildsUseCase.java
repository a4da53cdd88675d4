package dev.hangar.application.port.in;

public interface ListBuildsUseCase {
  ListBuildsResult listBuilds(ListBuildsQuery query);
}
