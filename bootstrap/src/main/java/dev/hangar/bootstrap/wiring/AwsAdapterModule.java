package dev.hangar.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.hangar.adapter.aws.S3BuildRepository;
import dev.hangar.adapter.aws.S3BuildStorage;
import dev.hangar.adapter.aws.S3ListingTokenKeys;
import dev.hangar.adapter.aws.StsCredentialIssuer;
import dev.hangar.bootstrap.AwsSettings;
import dev.hangar.bootstrap.ConfigException;
import dev.hangar.bootstrap.ServiceConfig;
import dev.hangar.domain.storage.RoleArn;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The AWS SDK clients, built from the configuration (region, endpoint overrides, path style; the node's own
 * credentials from the SDK's default chain), and the AWS adapters on them. Built only when a port selects
 * them, so a node in memory mode creates no AWS client.
 */
@Module
public interface AwsAdapterModule {
  /** Where the catalog lives in the service bucket, apart from the build files' key layout. */
  String CATALOG_PREFIX = "hangar-catalog.";

  @Provides
  @Singleton
  static S3Client s3(ServiceConfig config) {
    AwsSettings aws = config.aws();
    var builder = S3Client.builder().region(Region.of(config.region().value())).forcePathStyle(aws.s3PathStyle())
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClient(UrlConnectionHttpClient.create());
    aws.s3Endpoint().ifPresent(builder::endpointOverride);
    S3Client s3 = builder.build();
    try {
      s3.headBucket(r -> r.bucket(config.bucket().value()));
    } catch (SdkException e) {
      throw new ConfigException("The bucket " + config.bucket() + " cannot be reached with the node's credentials ("
          + e.getClass().getSimpleName() + "); it must exist, Hangar does not create it");
    }
    return s3;
  }

  @Provides
  @Singleton
  static StsClient sts(ServiceConfig config) {
    var builder = StsClient.builder().region(Region.of(config.region().value()))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClient(UrlConnectionHttpClient.create());
    config.aws().stsEndpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  @Provides
  @Singleton
  static S3BuildRepository buildRepository(S3Client s3, ServiceConfig config) {
    return new S3BuildRepository(s3, config.bucket(), CATALOG_PREFIX);
  }

  @Provides
  @Singleton
  static S3BuildStorage buildStorage(S3Client s3, StsClient sts, ServiceConfig config) {
    ConcurrentHashMap<RoleArn, S3Client> callers = new ConcurrentHashMap<>();
    Function<RoleArn, S3Client> asCaller = role -> callers.computeIfAbsent(role, r -> {
      var builder = S3Client.builder().region(Region.of(config.region().value())).forcePathStyle(config.aws().s3PathStyle())
          .credentialsProvider(StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
              .refreshRequest(request -> request.roleArn(r.value()).roleSessionName("hangar-import")).build())
          .httpClient(UrlConnectionHttpClient.create());
      config.aws().s3Endpoint().ifPresent(builder::endpointOverride);
      return builder.build();
    });
    return new S3BuildStorage(s3, config.bucket(), config.keyLayout(), asCaller);
  }

  /** The NextToken key the nodes share, next to the catalog in the service bucket. */
  @Provides
  @Singleton
  static S3ListingTokenKeys listingTokenKeys(S3Client s3, ServiceConfig config) {
    return new S3ListingTokenKeys(s3, config.bucket(), CATALOG_PREFIX + "listing-token-key");
  }

  @Provides
  @Singleton
  static StsCredentialIssuer credentialIssuer(StsClient sts, ServiceConfig config) {
    return new StsCredentialIssuer(sts, config.aws().uploadRoleArn().orElseThrow(), config.aws().uploadDuration());
  }
}
