package dev.hangar.bootstrap.testing;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
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

  /** The SDK's standard retry behaviour, as an application would have it. */
  public static GameLiftClient gameLift(URI endpoint, ExecutionInterceptor... interceptors) {
    return gameLift(endpoint, config -> config.retryStrategy(RetryMode.STANDARD), interceptors);
  }

  /** Exactly one attempt per call, so that a fault is seen once. */
  public static GameLiftClient gameLiftNoRetry(URI endpoint, ExecutionInterceptor... interceptors) {
    return gameLift(endpoint, config -> config.retryStrategy(retry -> retry.maxAttempts(1)), interceptors);
  }

  private static GameLiftClient gameLift(URI endpoint, Consumer<ClientOverrideConfiguration.Builder> retries,
      ExecutionInterceptor... interceptors) {
    ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder().executionInterceptors(List.of(interceptors));
    retries.accept(config);
    return GameLiftClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_WEST_2)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(config.build())
        .build();
  }
}
