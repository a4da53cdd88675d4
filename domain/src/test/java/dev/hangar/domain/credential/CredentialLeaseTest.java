package dev.hangar.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.failure.InvalidValueException;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StorageLocation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialLeaseTest {
  private static final Instant ISSUED = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant EXPIRES = ISSUED.plus(Duration.ofHours(1));
  private static final BucketName BUCKET = new BucketName("hangar-builds");
  private static final ObjectKey KEY = new ObjectKey("123456789012/build-1");

  private static CredentialLease lease() {
    UploadTarget target = new UploadTarget(new AccountId("123456789012"), new BuildId("build-1"),
        StorageLocation.serviceOwned(BUCKET, KEY));
    return new CredentialLease("ASIAEXAMPLEEXAMPLE12", "s".repeat(40), "token-value", target, ISSUED, EXPIRES);
  }

  @Test
  void isValidAt_aroundExpiry_validBeforeExpiredAfter() {
    assertThat(lease().isValidAt(EXPIRES.minusSeconds(1))).isTrue();
    assertThat(lease().isValidAt(EXPIRES)).isFalse();
    assertThat(lease().isValidAt(EXPIRES.plusSeconds(1))).isFalse();
    assertThat(lease().isValidAt(ISSUED.minusSeconds(1))).isFalse();
  }

  @Test
  void permitsWrite_otherKeyOrBucket_isRefused() {
    Instant now = ISSUED.plusSeconds(5);
    assertThat(lease().permitsWrite(BUCKET, KEY, now)).isTrue();
    assertThat(lease().permitsWrite(BUCKET, new ObjectKey("123456789012/build-2"), now)).isFalse();
    assertThat(lease().permitsWrite(new BucketName("other-bucket"), KEY, now)).isFalse();
    assertThat(lease().permitsWrite(BUCKET, KEY, EXPIRES.plusSeconds(1))).isFalse();
  }

  @Test
  void toString_neverShowsSecretOrToken() {
    assertThat(lease().toString()).contains("ASIAEXAMPLEEXAMPLE12").doesNotContain("ssss").doesNotContain("token-value");
  }

  @Test
  void constructor_expiryNotAfterIssue_isInvalid() {
    UploadTarget target = lease().target();
    assertThatThrownBy(() -> new CredentialLease("ASIA1", "s", "t", target, ISSUED, ISSUED))
        .isInstanceOf(InvalidValueException.class);
  }
}
