package dev.hangar.bootstrap.wiring;

import dev.hangar.bootstrap.ServiceConfig;
import java.security.SecureRandom;
import java.util.Base64;
import javax.inject.Inject;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The NextToken key of nodes on AWS, in the service bucket: the first node to start creates it
 * ({@code If-None-Match: *}), every node reads it. Only the nodes' role may read the bucket.
 */
final class SharedTokenKey {
  static final String KEY = "hangar-catalog.listing-token-key";
  private final S3Client s3;
  private final String bucket;

  @Inject
  SharedTokenKey(S3Client s3, ServiceConfig config) {
    this.s3 = s3;
    this.bucket = config.bucket().value();
  }

  byte[] key() {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return Base64.getDecoder().decode(s3.getObjectAsBytes(r -> r.bucket(bucket).key(KEY)).asUtf8String().trim());
      } catch (NoSuchKeyException e) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
          s3.putObject(r -> r.bucket(bucket).key(KEY).ifNoneMatch("*"), RequestBody.fromString(Base64.getEncoder().encodeToString(fresh)));
          return fresh;
        } catch (S3Exception lost) {
          if (lost.statusCode() != 412 && lost.statusCode() != 409) {
            throw lost;
          }
          // Another node created it first: read theirs.
        }
      }
    }
    throw new IllegalStateException("cannot read or create s3://" + bucket + "/" + KEY);
  }
}
