package dev.hangar.bootstrap.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.CreateBuildResponse;
import software.amazon.awssdk.services.gamelift.model.S3Location;
import software.amazon.awssdk.services.s3.S3Client;

/** A build waiting for its files, its upload keys, and real S3 clients for them. */
public record Uploads(String buildId, S3Location location, S3Wire.Keys keys) {
  public static Uploads newBuild(GameLiftClient gameLift, String name) {
    CreateBuildResponse created = gameLift.createBuild(b -> b.name(name));
    return new Uploads(created.build().buildId(), created.storageLocation(), new S3Wire.Keys(
        created.uploadCredentials().accessKeyId(), created.uploadCredentials().secretAccessKey(), created.uploadCredentials().sessionToken()));
  }

  public String path() {
    return "/" + location.bucket() + "/" + location.key();
  }

  /** The Java SDK's S3 client with these upload keys: path style, as an endpoint override needs. */
  public S3Client s3(URI endpoint) {
    return s3(endpoint, AwsSessionCredentials.create(keys.accessKeyId(), keys.secret(), keys.token()));
  }

  public static S3Client s3(URI endpoint, software.amazon.awssdk.auth.credentials.AwsCredentials credentials,
      software.amazon.awssdk.core.interceptor.ExecutionInterceptor... interceptors) {
    // The SDK's default HTTP client, Apache's: it honours Expect: 100-continue, so an early refusal reaches it whole.
    return S3Client.builder().endpointOverride(endpoint).region(Region.US_WEST_2).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(software.amazon.awssdk.http.apache.ApacheHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)).executionInterceptors(java.util.List.of(interceptors)))
        .build();
  }

  /** The Java SDK's S3 client with an account's API keys (to read objects back). */
  public static S3Client apiS3(URI endpoint) {
    return s3(endpoint, AwsBasicCredentials.create(Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY));
  }
}
