package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.adapter.aws.Moto;
import dev.hangar.adapter.aws.SessionPolicy;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StorageLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The session policy Hangar attaches to every lease, enforced by moto. Moto applies a role's own policies,
 * not session policies, so the generated policy is installed as the uploader role's policy: with it, a
 * multipart upload of the build's key succeeds and everything else is AccessDenied.
 */
class SessionPolicyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "hangar-policy-builds";
  private static final StorageLocation BUILD = StorageLocation.serviceOwned(new BucketName(BUCKET),
      new ObjectKey("123456789012/build-1111aaaa-22bb-33cc-44dd-5555eeee66ff"));
  private static Moto moto;
  private static S3Client leased;
  private static S3Client node;

  @BeforeAll
  static void start() throws Exception {
    ExternalTools.requirePythonClients();
    moto = Moto.start(Map.of("INITIAL_NO_AUTH_ACTION_COUNT", "11"));
    Map<String, Object> spec = Map.of("endpoint", moto.endpoint().toString(), "bucket", BUCKET,
        "rolePolicy", JSON.readTree(SessionPolicy.forObject(BUILD)));
    ExternalTools.Result result = ExternalTools.run(List.of("python3", ExternalTools.PYTHON_DIR.resolve("moto_setup.py").toString()),
        JSON.writeValueAsString(spec), Map.of(), 120);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    JsonNode setup = JSON.readTree(result.stdout());
    AwsBasicCredentials nodeKeys = AwsBasicCredentials.create(setup.get("accessKeyId").asText(), setup.get("secretAccessKey").asText());
    Credentials lease;
    try (StsClient sts = StsClient.builder().endpointOverride(moto.endpoint()).region(Moto.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(nodeKeys)).httpClient(UrlConnectionHttpClient.create()).build()) {
      lease = sts.assumeRole(r -> r.roleArn(setup.get("roleArn").asText()).roleSessionName("hangar-test")
          .policy(SessionPolicy.forObject(BUILD)).durationSeconds(900)).credentials();
    }
    leased = client(AwsSessionCredentials.create(lease.accessKeyId(), lease.secretAccessKey(), lease.sessionToken()));
    node = client(nodeKeys);
    node.putObject(r -> r.bucket(BUCKET).key("123456789012/other-build"), RequestBody.fromString("someone else's"));
  }

  @AfterAll
  static void stop() {
    if (moto != null) {
      moto.stop();
    }
  }

  private static S3Client client(software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
    return S3Client.builder().endpointOverride(moto.endpoint()).region(Moto.REGION).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build();
  }

  private static void assertDenied(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    });
  }

  @Test
  void multipartUploadOfTheBuildsKey_allowed() {
    String key = BUILD.key().value();
    String uploadId = leased.createMultipartUpload(r -> r.bucket(BUCKET).key(key)).uploadId();
    String etag = leased.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
        RequestBody.fromString("the whole build")).eTag();
    leased.completeMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(uploadId)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    assertThat(node.headObject(r -> r.bucket(BUCKET).key(key)).contentLength()).isEqualTo(15);
  }

  @Test
  void readAndDeleteOfTheBuildsKey_accessDenied() {
    String key = BUILD.key().value();
    node.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString("the stored build"));
    // The resource alone would allow these: only the session policy's actions refuse them.
    assertDenied(() -> leased.getObject(r -> r.bucket(BUCKET).key(key)));
    assertDenied(() -> leased.deleteObject(r -> r.bucket(BUCKET).key(key)));
    assertThat(node.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("the stored build");
  }

  @Test
  void everythingElse_accessDenied() {
    String key = BUILD.key().value();
    assertDenied(() -> leased.putObject(r -> r.bucket(BUCKET).key("123456789012/other-build"), RequestBody.fromString("x")));
    assertDenied(() -> leased.getObject(r -> r.bucket(BUCKET).key("123456789012/other-build")));
    assertDenied(() -> leased.deleteObject(r -> r.bucket(BUCKET).key("123456789012/other-build")));
    assertDenied(() -> leased.putObjectAcl(r -> r.bucket(BUCKET).key(key).acl("public-read")));
    assertThat(node.getObjectAsBytes(r -> r.bucket(BUCKET).key("123456789012/other-build")).asUtf8String()).isEqualTo("someone else's");
  }
}
