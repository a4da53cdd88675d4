package dev.hangar.benchmarks;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.gamelift.model.CreateBuildResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The Java SDK 2's upload of one file, timed: {@code S3AsyncClient} with multipart enabled (its defaults: 8 MiB parts
 * above an 8 MiB threshold, the Netty client, CRC32 checksums in aws-chunked trailers), {@code uploads} times in one
 * JVM so that the first (cold) and the others (warm) can be told apart.
 *
 * <p>Usage: {@code java -cp hangar-benchmarks.jar dev.hangar.benchmarks.SdkUpload hangar|plain <endpoint> <file>
 * <uploads> [bucket]}; {@code hangar} creates a build with the API keys in {@code HANGAR_ACCESS_KEY_ID} /
 * {@code HANGAR_SECRET_ACCESS_KEY}, uploads with its credentials to its StorageLocation and fails unless it is READY
 * after; {@code plain} uploads to {@code bucket} under a fresh key with any keys (the S3 sink, moto). Prints one JSON
 * line per upload, {@code {"seconds": ..., "bytes": ...}}, as {@code upload_client.py} does.
 */
public final class SdkUpload {
  private static final Region REGION = Region.US_WEST_2;

  private SdkUpload() {
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    URI endpoint = URI.create(args[1]);
    Path file = Path.of(args[2]);
    int uploads = Integer.parseInt(args[3]);
    long size = Files.size(file);
    AwsBasicCredentials api = AwsBasicCredentials.create(
        System.getenv().getOrDefault("HANGAR_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
        System.getenv().getOrDefault("HANGAR_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    try (GameLiftClient gameLift = GameLiftClient.builder().endpointOverride(endpoint).region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(api)).build()) {
      for (int upload = 0; upload < uploads; upload++) {
        String bucket;
        String key;
        AwsCredentials credentials;
        String buildId = null;
        if (mode.equals("hangar")) {
          CreateBuildResponse created = gameLift.createBuild(b -> b.name("upload-bench"));
          buildId = created.build().buildId();
          bucket = created.storageLocation().bucket();
          key = created.storageLocation().key();
          credentials = AwsSessionCredentials.create(created.uploadCredentials().accessKeyId(),
              created.uploadCredentials().secretAccessKey(), created.uploadCredentials().sessionToken());
        } else {
          bucket = args[4];
          key = "bench/" + UUID.randomUUID();
          credentials = api;
        }
        try (S3AsyncClient s3 = S3AsyncClient.builder().endpointOverride(endpoint).region(REGION).forcePathStyle(true)
            .multipartEnabled(true).credentialsProvider(StaticCredentialsProvider.create(credentials)).build()) {
          long start = System.nanoTime();
          s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromFile(file)).join();
          double seconds = (System.nanoTime() - start) / 1e9;
          if (buildId != null) {
            String id = buildId;
            BuildStatus status = gameLift.describeBuild(b -> b.buildId(id)).build().status();
            if (status != BuildStatus.READY) {
              throw new IllegalStateException("the build is " + status + " after its upload, not READY");
            }
            gameLift.deleteBuild(b -> b.buildId(id));
          }
          System.out.printf(java.util.Locale.ROOT, "{\"seconds\": %.6f, \"bytes\": %d}%n", seconds, size);
          System.out.flush();
        }
      }
    }
  }
}
