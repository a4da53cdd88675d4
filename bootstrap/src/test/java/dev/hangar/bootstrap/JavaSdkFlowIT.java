package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.MutableClock;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.SdkFlow;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.TestHangar;
import dev.hangar.domain.credential.CredentialLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.CreateBuildResponse;
import software.amazon.awssdk.services.gamelift.model.ListBuildsResponse;
import software.amazon.awssdk.services.gamelift.model.RequestUploadCredentialsResponse;

/** The AWS SDK for Java v2 GameLift client, unmodified, against a node started through the embedding API. */
class JavaSdkFlowIT {

  @Test
  void buildLifecycle_javaSdk_everyOperationThenNotFound() {
    try (Hangar hangar = Hangar.start(TestConfigs.node(), Clock.systemUTC());
        GameLiftClient gameLift = Clients.gameLift(hangar.endpoint())) {
      SdkFlow.buildLifecycle(gameLift, "", build -> true);
    }
  }

  @Test
  void leases_controlledClock_validUntilExpiryThenExpired() {
    // The clock starts at the real time: clients sign with their own clocks, and five minutes stay within the skew window.
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    Duration lifetime = Duration.ofMinutes(30);
    try (TestHangar hangar = TestHangar.start(TestConfigs.node().withCredentialLifetime(lifetime), clock);
        GameLiftClient gameLift = Clients.gameLift(hangar.endpoint())) {
      CreateBuildResponse created = gameLift.createBuild(b -> b.name("leased"));
      assertThat(created.uploadCredentials()).isNotNull();
      assertThat(created.storageLocation().bucket()).isEqualTo("hangar-builds");
      assertThat(created.storageLocation().key()).isEqualTo("123456789012/" + created.build().buildId());

      clock.advance(Duration.ofMinutes(5));
      Instant issuedAt = clock.instant();
      RequestUploadCredentialsResponse fresh = gameLift.requestUploadCredentials(b -> b.buildId(created.build().buildId()));
      assertThat(fresh.uploadCredentials().accessKeyId()).isNotEqualTo(created.uploadCredentials().accessKeyId());
      assertThat(fresh.uploadCredentials().secretAccessKey()).hasSize(40);
      assertThat(fresh.storageLocation()).isEqualTo(created.storageLocation());

      CredentialLease lease = hangar.leases().open(fresh.uploadCredentials().accessKeyId(), fresh.uploadCredentials().sessionToken()).orElseThrow();
      assertThat(lease.expiresAt()).isEqualTo(issuedAt.plus(lifetime));
      clock.set(lease.expiresAt().minusSeconds(1));
      assertThat(lease.isValidAt(clock.instant())).isTrue();
      clock.set(lease.expiresAt().plusSeconds(1));
      assertThat(lease.isValidAt(clock.instant())).isFalse();
      // The first lease, issued five minutes earlier, expired five minutes earlier too.
      CredentialLease first = hangar.leases().open(created.uploadCredentials().accessKeyId(), created.uploadCredentials().sessionToken()).orElseThrow();
      assertThat(first.expiresAt()).isEqualTo(lease.expiresAt().minus(Duration.ofMinutes(5)));
    }
  }

  @Test
  void listBuilds_createsAndDeletesBetweenPages_stableBuildsSeenExactlyOnce() {
    try (Hangar hangar = Hangar.start(TestConfigs.node(), Clock.systemUTC());
        GameLiftClient gameLift = Clients.gameLift(hangar.endpoint())) {
      List<String> all = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        all.add(gameLift.createBuild(b -> b.name("churn")).build().buildId());
      }
      List<String> doomed = new ArrayList<>(all.subList(0, 10));
      Set<String> stable = new HashSet<>(all.subList(10, 30));
      List<String> seen = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        String next = token;
        ListBuildsResponse page = gameLift.listBuilds(b -> b.limit(4).nextToken(next));
        page.builds().forEach(b -> seen.add(b.buildId()));
        token = page.nextToken();
        pages++;
        // Between pages: delete one build that may or may not have been listed yet, create two new ones.
        if (!doomed.isEmpty()) {
          String victim = doomed.remove(doomed.size() / 2);
          gameLift.deleteBuild(b -> b.buildId(victim));
        }
        gameLift.createBuild(b -> b.name("late"));
        gameLift.createBuild(b -> b.name("late"));
      } while (token != null && pages < 100);
      assertThat(token).isNull();
      assertThat(new HashSet<>(seen)).hasSameSizeAs(seen).containsAll(stable);
    }
  }

  @Test
  void createBuild_thousandCallsFrom32Threads_thousandDistinctBuildsListedOnce() throws Exception {
    try (Hangar hangar = Hangar.start(TestConfigs.node(), Clock.systemUTC());
        GameLiftClient gameLift = Clients.gameLift(hangar.endpoint())) {
      Set<String> created = ConcurrentHashMap.newKeySet();
      ExecutorService pool = Executors.newFixedThreadPool(32);
      try {
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          int n = i;
          calls.add(pool.submit(() -> created.add(gameLift.createBuild(b -> b.name("parallel-" + n)).build().buildId())));
        }
        for (Future<?> call : calls) {
          call.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(created).hasSize(1000);
      List<String> listed = new ArrayList<>();
      gameLift.listBuildsPaginator(b -> b.limit(100)).builds().forEach(b -> listed.add(b.buildId()));
      assertThat(listed).hasSize(1000).doesNotHaveDuplicates();
      assertThat(new HashSet<>(listed)).isEqualTo(created);
    }
  }
}
