package dev.hangar.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.application.port.out.CredentialIssuerContractTest;
import dev.hangar.domain.credential.CredentialLease;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryCredentialIssuerTest extends CredentialIssuerContractTest {
  private static final Duration LIFETIME = Duration.ofMinutes(20);
  private final InMemoryCredentialIssuer issuer = new InMemoryCredentialIssuer(LIFETIME);

  @Override
  protected CredentialIssuer issuer() {
    return issuer;
  }

  @Override
  protected Instant now() {
    return Instant.parse("2030-01-01T00:00:00Z");
  }

  @Test
  void issueUploadLease_awsShape_andConfiguredLifetime() {
    CredentialLease lease = issuer.issueUploadLease(anyTarget(), now());
    assertThat(lease.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
    assertThat(lease.secretAccessKey()).hasSize(40);
    assertThat(lease.sessionToken()).hasSizeGreaterThan(100);
    assertThat(Duration.between(lease.issuedAt(), lease.expiresAt())).isEqualTo(LIFETIME);
  }

  @Test
  void findByAccessKeyId_issuedLease_isFound() {
    CredentialLease lease = issuer.issueUploadLease(anyTarget(), now());
    assertThat(issuer.findByAccessKeyId(lease.accessKeyId())).contains(lease);
    assertThat(issuer.findByAccessKeyId("ASIAUNKNOWNUNKNOWN00")).isEmpty();
  }

  @Test
  void issueUploadLease_manyExpired_prunesThem() {
    CredentialLease old = issuer.issueUploadLease(anyTarget(), now());
    Instant later = now().plus(LIFETIME).plusSeconds(1);
    for (int i = 0; i < 600; i++) {
      issuer.issueUploadLease(anyTarget(), later);
    }
    assertThat(issuer.findByAccessKeyId(old.accessKeyId())).isEmpty();
  }
}
