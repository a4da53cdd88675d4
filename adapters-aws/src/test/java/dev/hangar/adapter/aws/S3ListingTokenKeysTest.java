package dev.hangar.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.port.out.ListingTokenKeys;
import dev.hangar.application.port.out.ListingTokenKeysContractTest;
import dev.hangar.domain.storage.BucketName;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The listing-token key contract on moto's S3: each source a fresh bucket, a sharing one the same bucket. */
class S3ListingTokenKeysTest extends ListingTokenKeysContractTest {
  private static final String KEY = "hangar-catalog.listing-token-key";
  private final Map<ListingTokenKeys, BucketName> buckets = new IdentityHashMap<>();
  private Moto moto;
  private S3Client s3;

  @BeforeEach
  void connect() {
    moto = Moto.server();
    s3 = moto.s3();
  }

  @Override
  protected ListingTokenKeys keys() {
    BucketName bucket = new BucketName(moto.freshBucket(s3));
    ListingTokenKeys keys = new S3ListingTokenKeys(s3, bucket, KEY);
    buckets.put(keys, bucket);
    return keys;
  }

  @Override
  protected ListingTokenKeys sharing(ListingTokenKeys keys) {
    return new S3ListingTokenKeys(s3, buckets.get(keys), KEY);
  }

  @Test
  void key_alreadyInTheBucket_isTheOneRead() {
    String bucket = moto.freshBucket(s3);
    byte[] theirs = new byte[32];
    theirs[0] = 7;
    s3.putObject(r -> r.bucket(bucket).key(KEY), RequestBody.fromString(Base64.getEncoder().encodeToString(theirs)));
    assertThat(new S3ListingTokenKeys(s3, new BucketName(bucket), KEY).key()).isEqualTo(theirs);
  }
}
