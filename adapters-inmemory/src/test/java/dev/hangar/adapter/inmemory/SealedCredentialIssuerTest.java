package dev.hangar.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.application.port.out.CredentialIssuerContractTest;
import dev.hangar.application.port.out.LeaseKeys;
import dev.hangar.domain.credential.CredentialLease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealedCredentialIssuerTest extends CredentialIssuerContractTest {
  private static final Duration LIFETIME = Duration.ofMinutes(20);
  private final LeaseKeys nodeKey = new InMemoryLeaseKeys();
  private final SealedCredentialIssuer issuer = new SealedCredentialIssuer(nodeKey, LIFETIME);

  @Override
  protected CredentialIssuer issuer() {
    return issuer;
  }

  @Override
  protected Instant now() {
    return Instant.parse("2030-01-01T00:00:00.123456789Z");
  }

  @Test
  void issueUploadLease_awsShape_andConfiguredLifetime() {
    CredentialLease lease = issuer.issueUploadLease(anyTarget(), now());
    assertThat(lease.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
    assertThat(lease.secretAccessKey()).matches("[A-Za-z0-9+/]{40}");
    assertThat(lease.sessionToken()).startsWith("HGL1").hasSizeGreaterThan(100).hasSizeLessThan(1024);
    assertThat(Duration.between(lease.issuedAt(), lease.expiresAt())).isEqualTo(LIFETIME);
  }

  @Test
  void open_issuedLease_givesItBackWholeWithNoStateKept() {
    CredentialLease lease = issuer.issueUploadLease(anyTarget(), now());
    // Another issuer with the same key: nothing but the key is shared.
    SealedCredentialIssuer sameKey = new SealedCredentialIssuer(nodeKey, Duration.ofSeconds(1));
    assertThat(sameKey.open(lease.accessKeyId(), lease.sessionToken())).contains(lease);
    assertThat(issuer.open(lease.accessKeyId(), lease.sessionToken())).contains(lease);
  }

  @Test
  void open_anyFlippedBit_isNoLease() {
    CredentialLease lease = issuer.issueUploadLease(anyTarget(), now());
    byte[] token = Base64.getDecoder().decode(lease.sessionToken().substring(4));
    for (int i = 0; i < token.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = token.clone();
        flipped[i] ^= (byte) (1 << bit);
        String tampered = "HGL1" + Base64.getEncoder().encodeToString(flipped);
        assertThat(issuer.open(lease.accessKeyId(), tampered)).as("byte %d bit %d", i, bit).isEmpty();
      }
    }
  }

  @Test
  void open_anotherLeasesToken_withThisKeyId_isNoLease() {
    CredentialLease mine = issuer.issueUploadLease(anyTarget(), now());
    CredentialLease other = issuer.issueUploadLease(anyTarget(), now());
    assertThat(issuer.open(mine.accessKeyId(), other.sessionToken())).isEmpty();
    assertThat(issuer.open(other.accessKeyId(), other.sessionToken())).contains(other);
  }

  @Test
  void open_tokenOfAnotherNodeKey_isNoLease() {
    SealedCredentialIssuer otherNode = new SealedCredentialIssuer(new InMemoryLeaseKeys(), LIFETIME);
    CredentialLease foreign = otherNode.issueUploadLease(anyTarget(), now());
    assertThat(issuer.open(foreign.accessKeyId(), foreign.sessionToken())).isEmpty();
  }

  @Test
  void open_expiredLease_isReturnedForTheCallerToRefuseAsExpired() {
    CredentialLease lease = issuer.issueUploadLease(anyTarget(), now().minus(LIFETIME.multipliedBy(3)));
    CredentialLease opened = issuer.open(lease.accessKeyId(), lease.sessionToken()).orElseThrow();
    assertThat(opened.isValidAt(now())).isFalse();
    assertThat(opened.expiresAt()).isEqualTo(lease.expiresAt());
  }

  @Test
  void open_garbage_isNoLeaseAndRaisesNothing() {
    CredentialLease lease = issuer.issueUploadLease(anyTarget(), now());
    for (String garbage : List.of("", "HGL1", "HGL1!!!!", "HGL1AAAA", lease.sessionToken().substring(4),
        lease.sessionToken().substring(0, lease.sessionToken().length() - 8), lease.sessionToken() + "AAAA",
        "HGL1" + "A".repeat(5000), "FQoGZXIvYXdzE" + "A".repeat(300))) {
      assertThat(issuer.open(lease.accessKeyId(), garbage)).as(garbage.length() > 40 ? garbage.substring(0, 40) : garbage).isEmpty();
    }
    assertThat(issuer.open(null, lease.sessionToken())).isEmpty();
    assertThat(issuer.open(lease.accessKeyId(), null)).isEmpty();
  }

  @Test
  void rotation_newKeySeals_previousKeyStillOpensItsLeases() {
    CredentialLease beforeRotation = issuer.issueUploadLease(anyTarget(), now());
    byte[] fresh = new byte[32];
    fresh[0] = 7;
    List<byte[]> rotated = new ArrayList<>();
    rotated.add(fresh);
    rotated.addAll(nodeKey.keys());
    SealedCredentialIssuer afterRotation = new SealedCredentialIssuer(() -> rotated, LIFETIME);
    CredentialLease afterwards = afterRotation.issueUploadLease(anyTarget(), now());

    assertThat(afterRotation.open(beforeRotation.accessKeyId(), beforeRotation.sessionToken())).contains(beforeRotation);
    assertThat(afterRotation.open(afterwards.accessKeyId(), afterwards.sessionToken())).contains(afterwards);
    assertThat(issuer.open(afterwards.accessKeyId(), afterwards.sessionToken())).as("sealed with the new key").isEmpty();
    SealedCredentialIssuer keyDropped = new SealedCredentialIssuer(() -> List.of(fresh), LIFETIME);
    assertThat(keyDropped.open(beforeRotation.accessKeyId(), beforeRotation.sessionToken())).isEmpty();
  }

  @Test
  void secret_derivedFromKeyAndKeyId_differsAcrossNodeKeys() {
    CredentialLease lease = issuer.issueUploadLease(anyTarget(), now());
    CredentialLease again = issuer.open(lease.accessKeyId(), lease.sessionToken()).orElseThrow();
    assertThat(again.secretAccessKey()).isEqualTo(lease.secretAccessKey());
    assertThat(lease.sessionToken()).doesNotContain(lease.secretAccessKey());
  }

  @Test
  void toString_showsNeitherSecretNorToken() {
    CredentialLease lease = issuer.issueUploadLease(anyTarget(), now());
    assertThat(lease.toString()).doesNotContain(lease.secretAccessKey()).doesNotContain(lease.sessionToken());
  }
}
