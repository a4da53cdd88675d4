package dev.hangar.domain.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.failure.InvalidValueException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageLocationTest {
  @Test
  void bucketName_withDot_isInvalidSayingWhy() {
    assertThatThrownBy(() -> new BucketName("my.bucket")).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("dot");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "UPPER", "-leading", "trailing-", "under_score", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void bucketName_outsideS3Rules_isInvalid(String value) {
    assertThatThrownBy(() -> new BucketName(value)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void objectKey_over1024Bytes_isInvalid() {
    assertThat(new ObjectKey("k".repeat(1024)).value()).hasSize(1024);
    assertThatThrownBy(() -> new ObjectKey("é".repeat(513))).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void roleArn_notAnIamRole_isInvalid() {
    assertThat(new RoleArn("arn:aws:iam::123456789012:role/GameLiftS3Read").value()).endsWith("GameLiftS3Read");
    assertThatThrownBy(() -> new RoleArn("arn:aws:s3:::bucket")).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void isExactly_sameBucketAndKey_only() {
    StorageLocation location = StorageLocation.serviceOwned(new BucketName("hangar-builds"), new ObjectKey("a/b"));
    assertThat(location.isExactly(new BucketName("hangar-builds"), new ObjectKey("a/b"))).isTrue();
    assertThat(location.isExactly(new BucketName("hangar-builds"), new ObjectKey("a/../a/b"))).isFalse();
    assertThat(location.isExactly(new BucketName("other-bucket"), new ObjectKey("a/b"))).isFalse();
    assertThat(location.isCallerOwned()).isFalse();
  }

  @Test
  void callerOwned_keepsRoleAndVersion() {
    StorageLocation location = StorageLocation.callerOwned(new BucketName("my-bucket"), new ObjectKey("game.zip"),
        new RoleArn("arn:aws:iam::123456789012:role/r"), Optional.of(new ObjectVersion("v1")));
    assertThat(location.isCallerOwned()).isTrue();
    assertThat(location.objectVersion()).contains(new ObjectVersion("v1"));
  }
}
