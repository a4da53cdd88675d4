package dev.hangar.adapter.http.sigv4;

import java.util.Optional;

/** Finds what an access key id stands for; empty when the key is unknown. */
@FunctionalInterface
public interface CredentialResolver<P> {
  Optional<SigningCredential<P>> find(String accessKeyId);
}
