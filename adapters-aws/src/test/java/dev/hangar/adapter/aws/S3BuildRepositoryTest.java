package dev.hangar.adapter.aws;

import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildRepositoryContractTest;
import dev.hangar.domain.storage.BucketName;
import org.junit.jupiter.api.BeforeEach;

/** The catalog contract, on moto's S3. */
class S3BuildRepositoryTest extends BuildRepositoryContractTest {
  private S3BuildRepository repository;

  @BeforeEach
  void connect() {
    Moto moto = Moto.server();
    var s3 = moto.s3();
    repository = new S3BuildRepository(s3, new BucketName(moto.freshBucket(s3)), "catalog.");
  }

  @Override
  protected BuildRepository repository() {
    return repository;
  }
}
