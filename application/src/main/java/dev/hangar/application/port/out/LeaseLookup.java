package dev.hangar.application.port.out;

import dev.hangar.domain.credential.CredentialLease;
import java.util.Optional;

/**
 * Opens the lease that a presented access key id and session token stand for: how the upload endpoint learns
 * what a temporary key may do. A lease minted here needs no stored state to be checked: the token carries it.
 */
public interface LeaseLookup {
  /**
   * The lease, when that token was sealed by this node for that access key id; empty for any other token (a
   * changed byte, another lease's token, another node's key, anything else). Expiry is not judged here: an
   * expired lease is returned, for the caller to refuse as expired. Raises nothing.
   */
  Optional<CredentialLease> open(String accessKeyId, String sessionToken);
}
