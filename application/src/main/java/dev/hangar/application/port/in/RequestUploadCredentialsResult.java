package dev.hangar.application.port.in;

import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.storage.StorageLocation;
import java.util.Objects;

public record RequestUploadCredentialsResult(StorageLocation storageLocation, CredentialLease lease) {
  public RequestUploadCredentialsResult {
    Objects.requireNonNull(storageLocation, "storageLocation");
    Objects.requireNonNull(lease, "lease");
  }
}
