package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.BuildIdGenerator;
import dev.hangar.application.port.out.BuildIdGeneratorContractTest;

class UuidBuildIdGeneratorTest extends BuildIdGeneratorContractTest {
  private final UuidBuildIdGenerator generator = new UuidBuildIdGenerator();

  @Override
  protected BuildIdGenerator generator() {
    return generator;
  }

  @org.junit.jupiter.api.Test
  void next_isARandomVersion4Uuid() {
    java.util.UUID uuid = java.util.UUID.fromString(generator.next().value().substring("build-".length()));
    org.assertj.core.api.Assertions.assertThat(uuid.version()).isEqualTo(4);
    org.assertj.core.api.Assertions.assertThat(uuid.variant()).isEqualTo(2);
  }
}
