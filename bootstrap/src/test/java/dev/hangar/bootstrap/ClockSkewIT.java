package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.RawSigner;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.TestHangar;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.gamelift.GameLiftClient;

/**
 * A client whose clock is 20 minutes off recovers as it does against AWS: it reads the node's Date header
 * and signs again. The Java SDK keeps the corrected offset for the whole JVM, so this test has a JVM of its
 * own (Failsafe runs each test class in a fresh fork).
 */
class ClockSkewIT {
  @Test
  void javaSdk_clockTwentyMinutesOff_readsDateAndRetries() {
    // The node's clock runs 20 minutes ahead of the client's: to the node, the client signs 20 minutes in the past.
    try (TestHangar ahead = TestHangar.start(TestConfigs.node(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20)))) {
      HttpResponse<String> raw = RawSigner.call(ahead.endpoint(), "ListBuilds", "{}", Clients.ACCESS_KEY_ID,
          Clients.SECRET_ACCESS_KEY, Clock.systemUTC(), "us-west-2", "gamelift");
      assertThat(raw.statusCode()).isEqualTo(400);
      assertThat(raw.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
      assertThat(raw.body()).contains("Signature expired: ");

      List<Integer> statuses = new CopyOnWriteArrayList<>();
      ExecutionInterceptor recorder = new ExecutionInterceptor() {
        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
          statuses.add(context.httpResponse().statusCode());
        }
      };
      try (GameLiftClient gameLift = Clients.gameLift(ahead.endpoint(), recorder)) {
        assertThat(gameLift.createBuild(b -> b.name("skewed")).build().buildId()).startsWith("build-");
        assertThat(statuses).containsExactly(400, 200);
        statuses.clear();
        gameLift.listBuilds(b -> { });
        assertThat(statuses).as("the corrected offset is kept for later calls").containsExactly(200);
      }
    }
  }

}
