package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.MutableClock;
import dev.hangar.bootstrap.testing.Clients;
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
import software.amazon.awssdk.services.gamelift.model.Build;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.gamelift.model.CreateBuildResponse;
import software.amazon.awssdk.services.gamelift.model.ListBuildsResponse;
import software.amazon.awssdk.services.gamelift.model.NotFoundException;
import software.amazon.awssdk.services.gamelift.model.OperatingSystem;
import software.amazon.awssdk.services.gamelift.model.RequestUploadCredentialsResponse;
import software.amazon.awssdk.services.gamelift.model.Tag;

/** The AWS SDK for Java v2 GameLift client, unmodified, against a node started through the embedding API. */
class JavaSdkFlowIT {

  @Test
  void buildLifecycle_javaSdk_everyOperationThenNotFound() {
    try (Hangar hangar = Hangar.start(TestConfigs.node(), Clock.systemUTC());
        GameLiftClient gameLift = Clients.gameLift(hangar.endpoint())) {
      CreateBuildResponse created = gameLift.createBuild(b -> b.name("space-game").version("1.0.0")
          .operatingSystem(OperatingSystem.AMAZON_LINUX_2023).tags(Tag.builder().key("team").value("core").build()));
      Build build = created.build();
      assertThat(build.buildId()).matches("build-[0-9a-f-]{36}");
      assertThat(build.buildArn()).isEqualTo("arn:aws:gamelift:us-west-2::build/" + build.buildId());
      assertThat(build.status()).isEqualTo(BuildStatus.INITIALIZED);
      assertThat(build.sizeOnDisk()).isZero();
      assertThat(build.serverSdkVersion()).isEqualTo("4.0.2");
      assertThat(build.creationTime()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));

      RequestUploadCredentialsResponse upload = gameLift.requestUploadCredentials(b -> b.buildId(build.buildId()));
      assertThat(upload.uploadCredentials().accessKeyId()).startsWith("ASIA");
      assertThat(upload.storageLocation().key()).isEqualTo(created.storageLocation().key());

      assertThat(gameLift.describeBuild(b -> b.buildId(build.buildId())).build()).isEqualTo(build);
      assertThat(gameLift.describeBuild(b -> b.buildId(build.buildArn())).build()).isEqualTo(build);

      List<String> others = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        others.add(gameLift.createBuild(b -> b.name("other")).build().buildId());
      }
      List<String> listed = new ArrayList<>();
      int[] pages = {0};
      gameLift.listBuildsPaginator(b -> b.limit(3)).stream().forEach(page -> {
        pages[0]++;
        page.builds().forEach(b -> listed.add(b.buildId()));
      });
      assertThat(pages[0]).isGreaterThanOrEqualTo(3);
      assertThat(listed).containsExactlyInAnyOrderElementsOf(concat(build.buildId(), others));

      Build updated = gameLift.updateBuild(b -> b.buildId(build.buildArn()).name("space-game-2")).build();
      assertThat(updated.name()).isEqualTo("space-game-2");
      assertThat(updated.version()).isEqualTo("1.0.0");

      gameLift.tagResource(b -> b.resourceARN(build.buildArn()).tags(Tag.builder().key("stage").value("beta").build()));
      assertThat(gameLift.listTagsForResource(b -> b.resourceARN(build.buildArn())).tags())
          .extracting(Tag::key, Tag::value)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "core"), org.assertj.core.groups.Tuple.tuple("stage", "beta"));
      gameLift.untagResource(b -> b.resourceARN(build.buildArn()).tagKeys("team"));
      assertThat(gameLift.listTagsForResource(b -> b.resourceARN(build.buildArn())).tags()).extracting(Tag::key).containsExactly("stage");

      gameLift.deleteBuild(b -> b.buildId(build.buildId()));
      assertThatThrownBy(() -> gameLift.describeBuild(b -> b.buildId(build.buildId())))
          .isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Build " + build.buildId() + " does not exist.");
            assertThat(e.requestId()).isNotBlank();
          });
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

      CredentialLease lease = hangar.leases().findByAccessKeyId(fresh.uploadCredentials().accessKeyId()).orElseThrow();
      assertThat(lease.expiresAt()).isEqualTo(issuedAt.plus(lifetime));
      clock.set(lease.expiresAt().minusSeconds(1));
      assertThat(lease.isValidAt(clock.instant())).isTrue();
      clock.set(lease.expiresAt().plusSeconds(1));
      assertThat(lease.isValidAt(clock.instant())).isFalse();
      // The first lease, issued five minutes earlier, expired five minutes earlier too.
      CredentialLease first = hangar.leases().findByAccessKeyId(created.uploadCredentials().accessKeyId()).orElseThrow();
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

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
