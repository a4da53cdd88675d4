package dev.hangar.adapter.aws;

import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.application.port.out.ListingTokenKeys;
import dev.hangar.domain.storage.BucketName;
import java.security.SecureRandom;
import java.util.Base64;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The listing-token key of nodes on AWS, in the service bucket: the first node to start creates it
 * ({@code If-None-Match: *}), every node reads it. Only the nodes' role may read the bucket.
 */
public final class S3ListingTokenKeys implements ListingTokenKeys {
  private final S3Client s3;
  private final String bucket;
  private final String objectKey;

  public S3ListingTokenKeys(S3Client s3, BucketName bucket, String objectKey) {
    this.s3 = s3;
    this.bucket = bucket.value();
    this.objectKey = objectKey;
  }

  @Override
  public byte[] key() {
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          return Base64.getDecoder().decode(s3.getObjectAsBytes(r -> r.bucket(bucket).key(objectKey)).asUtf8String().trim());
        } catch (NoSuchKeyException e) {
          byte[] fresh = new byte[32];
          new SecureRandom().nextBytes(fresh);
          try {
            s3.putObject(r -> r.bucket(bucket).key(objectKey).ifNoneMatch("*"), RequestBody.fromString(Base64.getEncoder().encodeToString(fresh)));
            return fresh;
          } catch (S3Exception lost) {
            if (lost.statusCode() != 412 && lost.statusCode() != 409) {
              throw lost;
            }
            // Another node created it first: read theirs.
          }
        }
      }
    } catch (SdkException e) {
      throw new DependencyFailureException("cannot read or create s3://" + bucket + "/" + objectKey, e);
    }
    throw new DependencyFailureException("cannot read or create s3://" + bucket + "/" + objectKey);
  }
}
