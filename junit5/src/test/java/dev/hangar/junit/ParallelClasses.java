package dev.hangar.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.Exchanger;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.gamelift.GameLiftClient;

/**
 * What {@link ParallelClassOneTest} and {@link ParallelClassTwoTest} share: each hands the other its node's
 * endpoint while both are running. Run one after the other, the first waits in vain and fails after a minute.
 */
final class ParallelClasses {
  private static final Exchanger<URI> ENDPOINTS = new Exchanger<>();

  private ParallelClasses() {
  }

  /** Meets the other class while both run; each node is its own and serves its own class's keys only. */
  static void meetTheOtherClass(HangarExtension mine) throws Exception {
    URI other = ENDPOINTS.exchange(mine.endpoint(), 60, TimeUnit.SECONDS);
    assertThat(other).isNotEqualTo(mine.endpoint());
    try (GameLiftClient gameLift = Sdk.gameLift(mine, mine.keys())) {
      assertThat(gameLift.createBuild(b -> b.name("parallel")).build().buildId()).startsWith("build-");
    }
  }
}
