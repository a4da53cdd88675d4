package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Await;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.RawSigner;
import dev.hangar.bootstrap.testing.S3Wire;
import dev.hangar.bootstrap.testing.Uploads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;

/**
 * SIGTERM to the jar on its durable default while a 64 MiB PutObject is half sent: the health check answers 503 at
 * once, a new request gets 503 with {@code Connection: close}, the upload in flight still completes with 200, the
 * process exits with {@link Main#EXIT_STOPPED}, and after a restart on the same folder the build is READY.
 */
class GracefulShutdownIT {
  private static final int SIZE = 64 * 1024 * 1024;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  @Test
  void sigterm_duringAnUpload_finishesIt_refusesNewRequests_andExitsCleanly() throws Exception {
    Path data = dir.resolve("data");
    byte[] zip = TestZips.incompressible("server.bin", SIZE);
    String buildId;
    try (JarNode node = JarNode.start(data, List.of(), List.of(), List.of("--shutdown-grace", "60s"))) {
      URI endpoint = node.endpoint();
      Uploads upload;
      try (GameLiftClient gameLift = Clients.gameLiftNoRetry(endpoint)) {
        upload = Uploads.newBuild(gameLift, "drained");
      }
      buildId = upload.buildId();
      // The Java SDK uploads from a stream that stops at half the body until the test lets it go on.
      java.util.concurrent.CountDownLatch goOn = new java.util.concurrent.CountDownLatch(1);
      java.io.InputStream halting = new java.io.ByteArrayInputStream(zip) {
        @Override
        public synchronized int read(byte[] b, int off, int len) {
          if (pos >= SIZE / 2) {
            try {
              if (!goOn.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the upload go on");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            }
          }
          return super.read(b, off, pos < SIZE / 2 ? Math.min(len, SIZE / 2 - pos) : len);
        }
      };
      java.util.concurrent.CompletableFuture<Integer> putStatus;
      try (S3Client s3 = upload.s3(endpoint)) {
        putStatus = java.util.concurrent.CompletableFuture.supplyAsync(() -> s3.putObject(
            b -> b.bucket(upload.location().bucket()).key(upload.location().key()),
            RequestBody.fromContentProvider(() -> halting, zip.length, "application/zip")).sdkHttpResponse().statusCode());
        Await.until(() -> scrape(endpoint).contains("hangar_uploads_in_flight 1.0"), 30, "the upload is in flight");

        node.terminate();
        Await.until(() -> health(endpoint) == 503, 30, "health answers 503 once the drain starts");
        assertThat(node.isAlive()).isTrue();

        S3Wire.Response refusedS3 = S3Wire.send(endpoint, S3Wire.sign(endpoint, "GET", upload.path(), Map.of(), new byte[0],
            new S3Wire.Keys(Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY, null), Clock.systemUTC(), S3Wire.Payload.HEX));
        assertThat(refusedS3.status()).isEqualTo(503);
        assertThat(refusedS3.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(refusedS3.headers().get("connection")).isEqualToIgnoringCase("close");
        HttpResponse<String> refusedApi = RawSigner.call(endpoint, "DescribeBuild", "{\"BuildId\":\"" + buildId + "\"}",
            Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY, Clock.systemUTC(), "us-west-2", "gamelift");
        assertThat(refusedApi.statusCode()).isEqualTo(503);
        assertThat(refusedApi.body()).contains("ServiceUnavailableException");

        goOn.countDown();
        assertThat(putStatus.get(60, java.util.concurrent.TimeUnit.SECONDS)).as("the upload in flight completes").isEqualTo(200);
      }
      assertThat(node.awaitExit(60)).as("the exit status after a drained SIGTERM").isEqualTo(Main.EXIT_STOPPED);
      assertThat(node.stderr()).contains("SIGTERM: draining").contains("stopped: every request in flight finished");
    }
    try (JarNode restarted = JarNode.start(data, List.of());
        GameLiftClient gameLift = Clients.gameLiftNoRetry(restarted.endpoint())) {
      assertThat(gameLift.describeBuild(b -> b.buildId(buildId)).build().status()).isEqualTo(BuildStatus.READY);
      assertThat(gameLift.describeBuild(b -> b.buildId(buildId)).build().sizeOnDisk()).isEqualTo(zip.length);
    }
  }

  private static String scrape(URI endpoint) {
    try {
      return HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/_hangar/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int health(URI endpoint) {
    try {
      return HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/_hangar/health")).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
