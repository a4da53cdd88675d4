package dev.hangar.application.port.out;

import static dev.hangar.application.fixture.TestBuilds.freshAccount;
import static dev.hangar.application.fixture.TestBuilds.freshId;
import static dev.hangar.application.fixture.TestBuilds.locationOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.credential.UploadTarget;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every credential issuer does. Subclasses also say how long leases last, and, when the issuer keeps
 * its leases, give the lookup that finds them.
 */
public abstract class CredentialIssuerContractTest {
  protected abstract CredentialIssuer issuer();

  /** The instant to issue at: the adapter's notion of now (an STS-backed issuer cannot be given the time). */
  protected abstract Instant now();

  protected static UploadTarget anyTarget() {
    AccountId owner = freshAccount();
    BuildId id = freshId();
    return new UploadTarget(owner, id, locationOf(owner, id));
  }

  @Test
  void issueUploadLease_anyTarget_expiresAfterIssue() {
    Instant now = now();
    CredentialLease lease = issuer().issueUploadLease(anyTarget(), now);
    assertThat(lease.expiresAt()).isAfter(now);
    assertThat(lease.isValidAt(lease.expiresAt().minusSeconds(1))).isTrue();
    assertThat(lease.isValidAt(lease.expiresAt().plusSeconds(1))).isFalse();
  }

  @Test
  void issueUploadLease_anyTarget_isScopedToThatTarget() {
    UploadTarget target = anyTarget();
    CredentialLease lease = issuer().issueUploadLease(target, now());
    assertThat(lease.target()).isEqualTo(target);
    assertThat(lease.permitsWrite(target.location().bucket(), target.location().key(), lease.issuedAt())).isTrue();
  }

  @Test
  void issueUploadLease_twice_givesDistinctTemporaryKeys() {
    UploadTarget target = anyTarget();
    CredentialLease first = issuer().issueUploadLease(target, now());
    CredentialLease second = issuer().issueUploadLease(target, now());
    assertThat(first.accessKeyId()).startsWith("ASIA").isNotEqualTo(second.accessKeyId());
    assertThat(first.secretAccessKey()).isNotEqualTo(second.secretAccessKey());
    assertThat(first.sessionToken()).isNotEqualTo(second.sessionToken());
  }
}
