package dev.hangar.adapter.aws;

import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildRepositoryContractTest;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.BuildStorageContractTest;
import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.application.port.out.CredentialIssuerContractTest;
import dev.hangar.domain.storage.KeyLayout;
import dev.hangar.domain.storage.StorageLocation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The same contract suites as on moto, against real AWS. Tagged {@code aws}: excluded by default; run with
 * {@code mvn -pl adapters-aws test -Dgroups=aws -Dhangar.excludedGroups=none} and the variables of {@link RealAws}.
 */
@Tag("aws")
class RealAwsContractTest {
  @Nested
  class Catalog extends BuildRepositoryContractTest {
    private final S3BuildRepository repository = new S3BuildRepository(RealAws.s3(), RealAws.bucket(),
        "hangar-contract-test-" + System.nanoTime() + ".");

    @Override
    protected BuildRepository repository() {
      return repository;
    }
  }

  @Nested
  class Storage extends BuildStorageContractTest {
    private final software.amazon.awssdk.services.s3.S3Client s3 = RealAws.s3();
    private final S3BuildStorage storage = new S3BuildStorage(s3, RealAws.bucket(),
        new KeyLayout("hangar-contract-test/{account}/{buildId}"), role -> s3);

    @Override
    protected BuildStorage storage() {
      return storage;
    }

    /** Older versions stay readable only in a bucket with versioning on: ask the bucket. */
    @Override
    protected boolean keepsOlderVersions() {
      return s3.getBucketVersioning(r -> r.bucket(RealAws.bucket().value())).status()
          == software.amazon.awssdk.services.s3.model.BucketVersioningStatus.ENABLED;
    }

    @Override
    protected void store(StorageLocation location, byte[] content) {
      s3.putObject(r -> r.bucket(location.bucket().value()).key(location.key().value()), RequestBody.fromBytes(content));
    }
  }

  @Nested
  class Issuer extends CredentialIssuerContractTest {
    private final StsCredentialIssuer issuer = new StsCredentialIssuer(RealAws.sts(), RealAws.uploaderRole(), Duration.ofMinutes(15));

    @Override
    protected CredentialIssuer issuer() {
      return issuer;
    }

    @Override
    protected Instant now() {
      return Instant.now();
    }
  }
}
