package dev.hangar.adapter.http.sigv4;

import java.util.Optional;

/**
 * Finds what an access key id, with the session token presented beside it (if any), stands for; empty when
 * the key is unknown. A resolver may refuse a token it cannot open by raising {@link SigV4Exception} with
 * {@link SigV4Exception.Reason#INVALID_TOKEN}.
 */
@FunctionalInterface
public interface CredentialResolver<P> {
  Optional<SigningCredential<P>> find(String accessKeyId, Optional<String> sessionToken);
}
