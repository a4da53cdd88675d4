package dev.hangar.application.port.out;

import static dev.hangar.application.fixture.TestBuilds.freshAccount;
import static dev.hangar.application.fixture.TestBuilds.freshId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.storage.StorageLocation;
import org.junit.jupiter.api.Test;

public abstract class BuildStorageContractTest {
  protected abstract BuildStorage storage();

  @Test
  void locationFor_twoBuilds_differentKeysInOneServiceBucket() {
    AccountId owner = freshAccount();
    StorageLocation first = storage().locationFor(owner, freshId());
    StorageLocation second = storage().locationFor(owner, freshId());
    assertThat(first.bucket()).isEqualTo(second.bucket());
    assertThat(first.key()).isNotEqualTo(second.key());
    assertThat(first.isCallerOwned()).isFalse();
  }

  @Test
  void locationFor_sameBuild_isStable() {
    AccountId owner = freshAccount();
    BuildId id = freshId();
    assertThat(storage().locationFor(owner, id)).isEqualTo(storage().locationFor(owner, id));
  }

  @Test
  void locationFor_sameIdOtherAccount_differentKey() {
    BuildId id = freshId();
    assertThat(storage().locationFor(freshAccount(), id).key()).isNotEqualTo(storage().locationFor(freshAccount(), id).key());
  }

  @Test
  void deleteFiles_nothingStored_isNoError() {
    storage().deleteFiles(storage().locationFor(freshAccount(), freshId()));
  }
}
