package dev.hangar.application.port.out;

import dev.hangar.application.fixture.FakeBuildStorage;
import dev.hangar.domain.storage.StorageLocation;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Nested;

/** The heap storage the service tests use keeps both storage contracts. */
class FakeBuildStorageTest {
  private final FakeBuildStorage fake = new FakeBuildStorage();

  @Nested
  class AsBuildStorage extends BuildStorageContractTest {
    @Override
    protected BuildStorage storage() {
      return fake;
    }

    @Override
    protected void store(StorageLocation location, byte[] content) {
      fake.putObject(location, new ByteArrayInputStream(content));
    }
  }

  @Nested
  class AsUploadStore extends UploadStoreContractTest {
    @Override
    protected UploadStore uploads() {
      return fake;
    }

    @Override
    protected BuildStorage storage() {
      return fake;
    }
  }
}
