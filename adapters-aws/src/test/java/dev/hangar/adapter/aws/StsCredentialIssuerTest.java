package dev.hangar.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.application.port.out.CredentialIssuerContractTest;
import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.storage.RoleArn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/** The issuer contract on moto's STS, and the AssumeRole request itself on a recording STS. */
class StsCredentialIssuerTest extends CredentialIssuerContractTest {
  private static final RoleArn ROLE = new RoleArn("arn:aws:iam::123456789012:role/hangar-uploader");
  private StsCredentialIssuer issuer;

  @BeforeEach
  void connect() {
    issuer = new StsCredentialIssuer(Moto.server().sts(), ROLE, Duration.ofMinutes(20));
  }

  @Override
  protected CredentialIssuer issuer() {
    return issuer;
  }

  @Override
  protected Instant now() {
    return Instant.now();
  }

  /** An STS that records AssumeRole requests and answers with fixed credentials. */
  private static final class RecordingSts implements StsClient {
    final List<AssumeRoleRequest> requests = new ArrayList<>();

    @Override
    public AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
      requests.add(request);
      return AssumeRoleResponse.builder().credentials(Credentials.builder().accessKeyId("ASIARECORDED00000000")
          .secretAccessKey("s".repeat(40)).sessionToken("token").expiration(Instant.parse("2030-01-01T01:00:00Z")).build()).build();
    }

    @Override
    public String serviceName() {
      return "sts";
    }

    @Override
    public void close() {
    }
  }

  @Test
  void issueUploadLease_assumeRoleRequest_onePolicyForOneObjectAndTheDuration() {
    RecordingSts sts = new RecordingSts();
    CredentialLease lease = new StsCredentialIssuer(sts, ROLE, Duration.ofSeconds(900))
        .issueUploadLease(anyTarget(), Instant.parse("2030-01-01T00:00:00Z"));
    AssumeRoleRequest request = sts.requests.get(0);
    assertThat(request.roleArn()).isEqualTo(ROLE.value());
    assertThat(request.durationSeconds()).isEqualTo(900);
    assertThat(request.roleSessionName()).startsWith("hangar-build-").hasSizeLessThanOrEqualTo(64);
    String key = lease.target().location().key().value();
    assertThat(request.policy()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"UploadOneBuild\",\"Effect\":\"Allow\","
        + "\"Action\":[\"s3:PutObject\",\"s3:AbortMultipartUpload\",\"s3:ListMultipartUploadParts\"],"
        + "\"Resource\":\"arn:aws:s3:::hangar-test-builds/" + key + "\"}]}");
    assertThat(request.policy().length()).isLessThanOrEqualTo(SessionPolicy.MAX_LENGTH);
    assertThat(lease.expiresAt()).isEqualTo(Instant.parse("2030-01-01T01:00:00Z"));
  }

  @Test
  void constructor_durationOutsideStsBounds_refused() {
    assertThatThrownBy(() -> new StsCredentialIssuer(new RecordingSts(), ROLE, Duration.ofSeconds(899))).hasMessageContaining("900");
    assertThatThrownBy(() -> new StsCredentialIssuer(new RecordingSts(), ROLE, Duration.ofSeconds(43_201))).hasMessageContaining("43,200");
  }

  @Test
  void sessionPolicy_over2048Characters_refused() {
    // Keys of the layout are short; only escaped control characters can push a policy past the limit.
    var location = dev.hangar.domain.storage.StorageLocation.serviceOwned(new dev.hangar.domain.storage.BucketName("b-bucket"),
        new dev.hangar.domain.storage.ObjectKey("\u0001".repeat(400)));
    assertThatThrownBy(() -> SessionPolicy.forObject(location)).hasMessageContaining("2048");
  }
}
