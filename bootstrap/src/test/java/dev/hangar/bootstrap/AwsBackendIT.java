package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.adapter.aws.Moto;
import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.SdkFlow;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.RoleArn;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.Build;
import software.amazon.awssdk.services.gamelift.model.CreateBuildResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A node with {@code --backend aws} on a moto server whose authentication is on: the node acts as an IAM
 * user, issues moto STS credentials for the uploader role, keeps its catalog in S3, and sees uploads that
 * went straight to moto's S3.
 */
class AwsBackendIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "hangar-production-builds";
  private static Moto moto;
  private static Hangar hangar;
  private static GameLiftClient gameLift;
  private static JsonNode setup;

  @BeforeAll
  static void start() throws Exception {
    ExternalTools.requirePythonClients();
    moto = Moto.start(Map.of("INITIAL_NO_AUTH_ACTION_COUNT", "11"));
    Map<String, Object> spec = Map.of("endpoint", moto.endpoint().toString(), "bucket", BUCKET, "rolePolicy", Map.of(
        "Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow",
            "Action", List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"),
            "Resource", "arn:aws:s3:::" + BUCKET + "/*"))));
    ExternalTools.Result result = ExternalTools.run(List.of("python3", ExternalTools.PYTHON_DIR.resolve("moto_setup.py").toString()),
        JSON.writeValueAsString(spec), Map.of(), 120);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    setup = JSON.readTree(result.stdout());
    // The node's own credentials come from the SDK's default chain: here, system properties (this class has its JVM).
    System.setProperty("aws.accessKeyId", setup.get("accessKeyId").asText());
    System.setProperty("aws.secretAccessKey", setup.get("secretAccessKey").asText());
    ServiceConfig config = TestConfigs.node().toBuilder().adapters(AdapterMode.AWS).bucket(new BucketName(BUCKET))
        .aws(new AwsSettings(Optional.of(new RoleArn(setup.get("roleArn").asText())), Duration.ofMinutes(15),
            Optional.of(moto.endpoint()), Optional.of(moto.endpoint()), true))
        .build();
    hangar = Hangar.start(config, Clock.systemUTC());
    gameLift = Clients.gameLift(hangar.endpoint());
  }

  @AfterAll
  static void stop() {
    if (gameLift != null) {
      gameLift.close();
      hangar.close();
    }
    if (moto != null) {
      moto.stop();
    }
  }

  private static S3Client s3(software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
    return S3Client.builder().endpointOverride(moto.endpoint()).region(Moto.REGION).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build();
  }

  private static S3Client nodeS3() {
    return s3(AwsBasicCredentials.create(setup.get("accessKeyId").asText(), setup.get("secretAccessKey").asText()));
  }

  @Test
  void buildLifecycle_javaSdkOnS3Catalog_everyOperationThenNotFound() {
    String prefix = "flow-" + java.util.UUID.randomUUID() + "-";
    SdkFlow.buildLifecycle(gameLift, prefix, build -> build.name().startsWith(prefix));
  }

  @Test
  void javaSdkFlow_onS3Catalog_everyOperation() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(gameLift.createBuild(b -> b.name("aws-node")).build().buildId());
    }
    List<String> listed = new ArrayList<>();
    gameLift.listBuildsPaginator(b -> b.limit(2)).builds().forEach(b -> listed.add(b.buildId()));
    assertThat(listed).containsAll(ids).doesNotHaveDuplicates();
    String id = ids.get(0);
    assertThat(gameLift.updateBuild(b -> b.buildId(id).version("2.0")).build().version()).isEqualTo("2.0");
    gameLift.tagResource(b -> b.resourceARN(gameLift.describeBuild(d -> d.buildId(id)).build().buildArn())
        .tags(t -> t.key("stage").value("prod")));
    assertThat(gameLift.describeBuild(b -> b.buildId(id)).build().version()).isEqualTo("2.0");
    try (S3Client s3 = nodeS3()) {
      assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("hangar-catalog.")).contents()).hasSizeGreaterThanOrEqualTo(5);
    }
    gameLift.deleteBuild(b -> b.buildId(id));
    assertThatThrownBy(() -> gameLift.describeBuild(b -> b.buildId(id)))
        .isInstanceOf(software.amazon.awssdk.services.gamelift.model.NotFoundException.class);
  }

  @Test
  void createBuild_studiosBucketThroughItsRole_copiedInAndReady() {
    var location = software.amazon.awssdk.services.gamelift.model.S3Location.builder().bucket(setup.get("studioBucket").asText())
        .key("game.zip").roleArn(setup.get("studioRoleArn").asText()).build();
    CreateBuildResponse created = gameLift.createBuild(b -> b.name("from-studio").storageLocation(location));
    assertThat(created.uploadCredentials()).isNull();
    assertThat(created.build().statusAsString()).isEqualTo("READY");
    assertThat(created.build().sizeOnDisk()).isEqualTo(setup.get("studioZipSize").asLong());
    try (S3Client node = nodeS3()) {
      assertThat(node.headObject(r -> r.bucket(BUCKET).key("123456789012/" + created.build().buildId())).contentLength())
          .isEqualTo(setup.get("studioZipSize").asLong());
    }
    assertThat(gameLift.describeBuild(b -> b.buildId(created.build().buildId())).build().statusAsString()).isEqualTo("READY");

    assertThatThrownBy(() -> gameLift.createBuild(b -> b.storageLocation(location.toBuilder().key("missing.zip").build())))
        .isInstanceOf(software.amazon.awssdk.services.gamelift.model.InvalidRequestException.class).hasMessageContaining("studio-read");
    assertThatThrownBy(() -> gameLift.createBuild(b -> b.storageLocation(location.toBuilder()
        .roleArn("arn:aws:iam::123456789012:role/not-trusted").build())))
        .isInstanceOf(software.amazon.awssdk.services.gamelift.model.InvalidRequestException.class);
  }

  @Test
  void listBuilds_pageStartedOnOneNodeContinuesOnAnother() {
    for (int i = 0; i < 3; i++) {
      gameLift.createBuild(b -> b.name("paged"));
    }
    String token = gameLift.listBuilds(b -> b.limit(1)).nextToken();
    assertThat(token).isNotNull();
    ServiceConfig second = hangar.config().toBuilder().port(0).build();
    try (Hangar other = Hangar.start(second, Clock.systemUTC()); GameLiftClient otherClient = Clients.gameLift(other.endpoint())) {
      assertThat(otherClient.listBuilds(b -> b.limit(1).nextToken(token)).builds()).hasSize(1);
    }
  }

  @Test
  void upload_withMotoStsLease_readyThenFailedWhenOverwritten() {
    CreateBuildResponse created = gameLift.createBuild(b -> b.name("uploaded"));
    var lease = gameLift.requestUploadCredentials(b -> b.buildId(created.build().buildId()));
    var credentials = lease.uploadCredentials();
    assertThat(credentials.accessKeyId()).startsWith("ASIA");
    AwsSessionCredentials session = AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
        credentials.sessionToken());
    try (StsClient sts = StsClient.builder().endpointOverride(moto.endpoint()).region(Moto.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(session)).httpClient(UrlConnectionHttpClient.create()).build()) {
      assertThat(sts.getCallerIdentity().arn()).contains("assumed-role/hangar-uploader");
    }
    String bucket = lease.storageLocation().bucket();
    String key = lease.storageLocation().key();
    assertThat(bucket).isEqualTo(BUCKET);
    byte[] zip = TestZips.gameServer();

    try (S3Client tamperedSecret = s3(AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey() + "x",
        credentials.sessionToken()))) {
      assertThatThrownBy(() -> tamperedSecret.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(zip)))
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
    try (S3Client tamperedToken = s3(AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
        credentials.sessionToken() + "x"))) {
      assertThatThrownBy(() -> tamperedToken.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(zip)))
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isBetween(400, 403));
    }
    assertThat(gameLift.describeBuild(b -> b.buildId(created.build().buildId())).build().statusAsString()).isEqualTo("INITIALIZED");

    try (S3Client uploader = s3(session)) {
      uploader.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(zip));
    }
    Build ready = gameLift.describeBuild(b -> b.buildId(created.build().buildId())).build();
    assertThat(ready.statusAsString()).isEqualTo("READY");
    assertThat(ready.sizeOnDisk()).isEqualTo(zip.length);

    try (S3Client node = nodeS3()) {
      node.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(TestZips.zip(Map.of("changed.sh", "x"))));
    }
    assertThat(gameLift.describeBuild(b -> b.buildId(created.build().buildId())).build().statusAsString()).isEqualTo("FAILED");
  }
}
