package dev.hangar.application.port.in;

import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import java.util.Objects;

/** Who writes where: the lease the request was signed with, and the bucket and key it names. */
public record UploadRequest(CredentialLease lease, BucketName bucket, ObjectKey key) {
  public UploadRequest {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
  }
}
