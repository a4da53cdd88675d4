package dev.hangar.adapter.http.s3;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.credential.CredentialLease;

/** Who signed an S3 request: upload credentials (a lease) or an account's API keys. */
sealed interface S3Identity {
  record Lease(CredentialLease lease) implements S3Identity {
    @Override
    public String toString() {
      return "Lease[" + lease.accessKeyId() + "]";
    }
  }

  record Account(AccountId account) implements S3Identity {
  }
}
