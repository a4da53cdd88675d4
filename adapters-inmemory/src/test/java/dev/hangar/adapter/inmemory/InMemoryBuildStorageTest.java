package dev.hangar.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.BuildStorageContractTest;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.storage.BucketName;
import org.junit.jupiter.api.Test;

class InMemoryBuildStorageTest extends BuildStorageContractTest {
  private final InMemoryBuildStorage storage = new InMemoryBuildStorage(new BucketName("hangar-builds"));

  @Override
  protected BuildStorage storage() {
    return storage;
  }

  @Test
  void locationFor_keyLayout_isAccountSlashBuildId() {
    AccountId owner = new AccountId("123456789012");
    BuildId id = TestBuilds.freshId();
    assertThat(storage.locationFor(owner, id).key().value()).isEqualTo("123456789012/" + id.value());
  }
}
