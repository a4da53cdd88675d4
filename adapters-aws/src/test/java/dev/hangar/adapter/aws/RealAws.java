package dev.hangar.adapter.aws;

import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.RoleArn;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Real AWS for the tests tagged {@code aws} (never run by default, nor in CI): credentials from the SDK's
 * default chain, and the environment names an existing bucket and uploader role:
 * {@code HANGAR_TEST_AWS_REGION}, {@code HANGAR_TEST_AWS_BUCKET}, {@code HANGAR_TEST_AWS_ROLE_ARN}.
 */
final class RealAws {
  private RealAws() {
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " must be set to run the tests tagged aws against real AWS");
    }
    return value;
  }

  static Region region() {
    return Region.of(env("HANGAR_TEST_AWS_REGION"));
  }

  static BucketName bucket() {
    return new BucketName(env("HANGAR_TEST_AWS_BUCKET"));
  }

  static RoleArn uploaderRole() {
    return new RoleArn(env("HANGAR_TEST_AWS_ROLE_ARN"));
  }

  static S3Client s3() {
    return S3Client.builder().region(region()).credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  static StsClient sts() {
    return StsClient.builder().region(region()).credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClient(UrlConnectionHttpClient.create()).build();
  }
}
