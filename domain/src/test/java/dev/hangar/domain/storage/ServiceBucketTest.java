package dev.hangar.domain.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import org.junit.jupiter.api.Test;

class ServiceBucketTest {
  private static final AccountId ACCOUNT = new AccountId("123456789012");
  private static final BuildId ID = new BuildId("build-1");
  private static final ServiceBucket SERVICE = new ServiceBucket(new BucketName("hangar-builds"), new KeyLayout("builds/{account}/{buildId}.zip"));

  @Test
  void locationFor_build_keyOfTheLayoutInTheServiceBucket() {
    StorageLocation location = SERVICE.locationFor(ACCOUNT, ID);

    assertThat(location.bucket()).isEqualTo(new BucketName("hangar-builds"));
    assertThat(location.key()).isEqualTo(new ObjectKey("builds/123456789012/build-1.zip"));
    assertThat(location.roleArn()).isEmpty();
  }

  @Test
  void ownerOf_keyOfTheLayout_onlyInTheServiceBucket() {
    ObjectKey key = new ObjectKey("builds/123456789012/build-1.zip");

    assertThat(SERVICE.ownerOf(new BucketName("hangar-builds"), key)).contains(new KeyLayout.Owner(ACCOUNT, ID));
    assertThat(SERVICE.ownerOf(new BucketName("other-bucket"), key)).isEmpty();
    assertThat(SERVICE.ownerOf(new BucketName("hangar-builds"), new ObjectKey("elsewhere/build-1.zip"))).isEmpty();
  }
}
