package dev.hangar.bootstrap.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;

/** Real AWS SDK clients pointed at a local node. */
public final class Clients {
  public static final String ACCESS_KEY_ID = "AKIAHANGARTESTKEY001";
  public static final String SECRET_ACCESS_KEY = "hangar-test-secret-key-not-a-real-secret0";

  private Clients() {
  }

  public static GameLiftClient gameLift(URI endpoint, ExecutionInterceptor... interceptors) {
    return GameLiftClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_WEST_2)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(RetryMode.STANDARD)
            .executionInterceptors(java.util.List.of(interceptors))
            .build())
        .build();
  }

  /** A client that makes exactly one attempt per call, so that a fault is seen once. */
  public static GameLiftClient gameLiftNoRetry(URI endpoint, ExecutionInterceptor... interceptors) {
    return GameLiftClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_WEST_2)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(b -> b.maxAttempts(1))
            .executionInterceptors(java.util.List.of(interceptors))
            .build())
        .build();
  }
}
