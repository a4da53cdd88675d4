package dev.hangar.domain.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a build's zip lives: a bucket and a key, and for files in a caller-owned bucket the role that
 * lets the service read them and, optionally, one version of the object.
 */
public final class StorageLocation {
  private final BucketName bucket;
  private final ObjectKey key;
  private final RoleArn roleArn;
  private final ObjectVersion objectVersion;

  private StorageLocation(BucketName bucket, ObjectKey key, RoleArn roleArn, ObjectVersion objectVersion) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.key = Objects.requireNonNull(key, "key");
    this.roleArn = roleArn;
    this.objectVersion = objectVersion;
  }

  /** A location in storage the service owns: the uploader writes there with leased credentials. */
  public static StorageLocation serviceOwned(BucketName bucket, ObjectKey key) {
    return new StorageLocation(bucket, key, null, null);
  }

  /** A location in a caller's bucket, read through the caller's role. */
  public static StorageLocation callerOwned(BucketName bucket, ObjectKey key, RoleArn roleArn, Optional<ObjectVersion> version) {
    return new StorageLocation(bucket, key, Objects.requireNonNull(roleArn, "roleArn"), version.orElse(null));
  }

  public BucketName bucket() {
    return bucket;
  }

  public ObjectKey key() {
    return key;
  }

  public Optional<RoleArn> roleArn() {
    return Optional.ofNullable(roleArn);
  }

  public Optional<ObjectVersion> objectVersion() {
    return Optional.ofNullable(objectVersion);
  }

  public boolean isCallerOwned() {
    return roleArn != null;
  }

  /** True when this location is exactly that bucket and key, byte for byte. */
  public boolean isExactly(BucketName otherBucket, ObjectKey otherKey) {
    return bucket.equals(otherBucket) && key.equals(otherKey);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StorageLocation that
        && bucket.equals(that.bucket) && key.equals(that.key)
        && Objects.equals(roleArn, that.roleArn) && Objects.equals(objectVersion, that.objectVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bucket, key, roleArn, objectVersion);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key + (objectVersion == null ? "" : "?versionId=" + objectVersion);
  }
}
