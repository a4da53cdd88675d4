package dev.hangar.application.port.out;

import dev.hangar.domain.credential.CredentialLease;
import java.util.Optional;

/**
 * Finds a lease by its access key id: how the upload endpoint (and the API's authenticator, which must
 * refuse upload credentials) learn what a presented key may do, without reaching into the issuer.
 */
public interface LeaseLookup {
  /** The lease with that access key id, if one was issued and is still known; raises nothing. */
  Optional<CredentialLease> findByAccessKeyId(String accessKeyId);
}
