package dev.hangar.application.port.out;

import dev.hangar.application.fixture.FakeBuildRepository;

/** The fake the service tests lean on keeps the same contract as the real adapters. */
class FakeBuildRepositoryTest extends BuildRepositoryContractTest {
  private final FakeBuildRepository repository = new FakeBuildRepository();

  @Override
  protected BuildRepository repository() {
    return repository;
  }
}
