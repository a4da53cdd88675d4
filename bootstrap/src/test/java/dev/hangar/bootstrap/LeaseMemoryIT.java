package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.RawSigner;
import dev.hangar.bootstrap.testing.RequestFlood;
import dev.hangar.bootstrap.testing.S3Wire;
import dev.hangar.bootstrap.testing.Uploads;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.gamelift.model.Credentials;
import software.amazon.awssdk.services.gamelift.model.RequestUploadCredentialsResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One authenticated client calling RequestUploadCredentials in a loop costs the node no memory: leases are sealed
 * into their session tokens, not kept. The jar with {@code -Xmx256m}, on each embedded backend, answers 200,000
 * calls (one signed request replayed over 4 keep-alive connections) and its heap after a full GC ends within
 * 32 MB of where it started; a node that kept each lease (about 0.5 KB each, 100 MB here) fails. The last lease
 * still uploads a build to READY. {@code -Dhangar.leaseFlood.calls=N} changes the count (the benchmark's
 * 1,000,000 is in docs/benchmarks.md).
 */
class LeaseMemoryIT {
  private static final long CALLS = Long.getLong("hangar.leaseFlood.calls", 200_000);
  private static final long WARM_UP = 20_000;
  private static final long ALLOWED_GROWTH = 32L * 1024 * 1024;

  @TempDir
  Path dir;

  @ParameterizedTest(name = "--backend {0}")
  @ValueSource(strings = {"memory", "local"})
  void requestUploadCredentialsInALoop_heapStaysWhereItWas(String backend) {
    try (JarNode node = JarNode.start(dir.resolve("data"), List.of("-Xmx256m", "-XX:+UseG1GC"), List.of(),
        List.of("--backend", backend)); GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      String buildId = gameLift.createBuild(b -> b.name("flooded")).build().buildId();
      S3Wire.Request call = RawSigner.json(node.endpoint(), "RequestUploadCredentials", "{\"BuildId\":\"" + buildId + "\"}",
          new S3Wire.Keys(Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY, null), Clock.systemUTC(), "us-west-2", "gamelift")
          .toWire(node.endpoint());

      RequestFlood.Result warmUp = RequestFlood.run(node.endpoint(), call, 4, WARM_UP, Duration.ofMinutes(2));
      assertThat(warmUp.ok()).as("warm-up 200s (first other reply: %s)", warmUp.firstFailure()).isEqualTo(WARM_UP);
      long before = RequestFlood.heapAfterFullGc(node.pid());

      RequestFlood.Result flood = RequestFlood.run(node.endpoint(), call, 4, CALLS, Duration.ofMinutes(5));
      long after = RequestFlood.heapAfterFullGc(node.pid());
      System.out.printf("LeaseMemoryIT %s: %d calls in %.1f s (%.0f calls/s), heap after full GC %.1f MB -> %.1f MB%n",
          backend, flood.calls(), flood.elapsed().toMillis() / 1000.0, flood.callsPerSecond(), before / 1048576.0, after / 1048576.0);

      assertThat(flood.ok()).as("200s (first other reply: %s)", flood.firstFailure()).isEqualTo(CALLS);
      assertThat(after - before).as("heap growth after %d leases, in bytes", CALLS).isLessThan(ALLOWED_GROWTH);

      RequestUploadCredentialsResponse last = gameLift.requestUploadCredentials(b -> b.buildId(buildId));
      Credentials keys = last.uploadCredentials();
      try (S3Client s3 = Uploads.s3(node.endpoint(),
          AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken()))) {
        s3.putObject(b -> b.bucket(last.storageLocation().bucket()).key(last.storageLocation().key()),
            RequestBody.fromBytes(TestZips.gameServer()));
      }
      assertThat(gameLift.describeBuild(b -> b.buildId(buildId)).build().status()).isEqualTo(BuildStatus.READY);
    }
  }
}
