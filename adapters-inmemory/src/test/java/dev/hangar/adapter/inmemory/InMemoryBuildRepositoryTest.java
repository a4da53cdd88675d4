package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildRepositoryContractTest;

class InMemoryBuildRepositoryTest extends BuildRepositoryContractTest {
  private final InMemoryBuildRepository repository = new InMemoryBuildRepository();

  @Override
  protected BuildRepository repository() {
    return repository;
  }
}
