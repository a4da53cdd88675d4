package dev.hangar.adapter.aws;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A moto server (moto's application, served on one thread) on a free loopback port, started once per test JVM and
 * stopped when it exits. Without python3 and moto the tests are skipped on a developer's machine and fail
 * under {@code CI=true}.
 */
public final class Moto {
  public static final Region REGION = Region.US_WEST_2;
  /**
   * moto's own server ({@code python3 -m moto.server}) handles requests on many threads, and its conditional
   * writes are a check then a store: two racing If-Match writes can both pass, which S3 never allows. Served
   * on one thread, moto applies them one at a time, as S3 does.
   */
  private static final String SINGLE_THREADED = String.join("\n",
      "import os, sys",
      "from werkzeug.serving import run_simple",
      "from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app",
      "os.environ.setdefault('MOTO_PORT', sys.argv[2])",
      "run_simple(sys.argv[1], int(sys.argv[2]), DomainDispatcherApplication(create_backend_app), threaded=False)");
  private static Moto instance;

  private final Process process;
  private final URI endpoint;

  private Moto(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static synchronized Moto server() {
    if (instance == null) {
      instance = start(Map.of());
      Moto started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "moto-stop"));
    }
    return instance;
  }

  /** A server of its own, e.g. with {@code INITIAL_NO_AUTH_ACTION_COUNT} to turn its authentication on; the caller stops it. */
  public static Moto start(Map<String, String> env) {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Process process;
    try {
      Path log = Files.createTempFile("moto-", ".log");
      ProcessBuilder builder = new ProcessBuilder("python3", "-c", SINGLE_THREADED, "127.0.0.1", Integer.toString(port))
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      process = builder.start();
    } catch (IOException e) {
      unavailable("python3 cannot be started: " + e.getMessage());
      throw new IllegalStateException(e);
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        unavailable("moto.server exited with " + process.exitValue() + " (is moto installed in python3?)");
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
        connection.setConnectTimeout(500);
        connection.setReadTimeout(2000);
        if (connection.getResponseCode() == 200) {
          return new Moto(process, endpoint);
        }
      } catch (IOException e) {
        // not listening yet
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    process.destroyForcibly();
    unavailable("moto.server did not answer within 30 s");
    throw new IllegalStateException("unreachable");
  }

  private static void unavailable(String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("moto is required under CI=true: " + why);
    }
    Assumptions.abort(why);
  }

  public URI endpoint() {
    return endpoint;
  }

  public S3Client s3(String accessKeyId, String secret) {
    return S3Client.builder().endpointOverride(endpoint).region(REGION).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  public S3Client s3() {
    return s3("testing", "testing");
  }

  public StsClient sts() {
    return StsClient.builder().endpointOverride(endpoint).region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  /** A new bucket with versioning on, so that objects have version ids as in a production bucket. */
  public String freshBucket(S3Client s3) {
    String bucket = "hangar-test-" + Long.toHexString(System.nanoTime());
    s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(REGION.id())));
    s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
    return bucket;
  }

  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
