package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.BuildIdGenerator;
import dev.hangar.application.port.out.BuildIdGeneratorContractTest;

class UuidBuildIdGeneratorTest extends BuildIdGeneratorContractTest {
  private final UuidBuildIdGenerator generator = new UuidBuildIdGenerator();

  @Override
  protected BuildIdGenerator generator() {
    return generator;
  }
}
