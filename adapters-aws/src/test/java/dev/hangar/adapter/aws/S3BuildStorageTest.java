package dev.hangar.adapter.aws;

import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.BuildStorageContractTest;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.KeyLayout;
import dev.hangar.domain.storage.StorageLocation;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The storage contract, on moto's S3; objects get there the way uploads do, with a PutObject. */
class S3BuildStorageTest extends BuildStorageContractTest {
  private S3Client s3;
  private S3BuildStorage storage;

  @BeforeEach
  void connect() {
    Moto moto = Moto.server();
    s3 = moto.s3();
    storage = new S3BuildStorage(s3, new BucketName(moto.freshBucket(s3)), KeyLayout.GAMELIFT, role -> s3);
  }

  @Override
  protected BuildStorage storage() {
    return storage;
  }

  /** moto's bucket has versioning on: every version stays readable by its id. */
  @Override
  protected boolean keepsOlderVersions() {
    return true;
  }

  @Override
  protected void store(StorageLocation location, byte[] content) {
    s3.putObject(r -> r.bucket(location.bucket().value()).key(location.key().value()), RequestBody.fromBytes(content));
  }
}
