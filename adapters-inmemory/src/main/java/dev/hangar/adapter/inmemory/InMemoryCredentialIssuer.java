package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.application.port.out.LeaseLookup;
import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.credential.UploadTarget;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mints leases in AWS's shape (an {@code ASIA} access key id of 20 characters, a 40-character secret, an
 * opaque session token) from a cryptographic random source, keeps them until they expire, and finds
 * them again by access key id for the upload endpoint.
 */
public final class InMemoryCredentialIssuer implements CredentialIssuer, LeaseLookup {
  private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final char[] SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  private static final int PRUNE_EVERY = 256;

  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, CredentialLease> leases = new ConcurrentHashMap<>();

  public InMemoryCredentialIssuer(Duration lifetime) {
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lease lifetime must be positive");
    }
  }

  @Override
  public CredentialLease issueUploadLease(UploadTarget target, Instant now) {
    if (leases.size() % PRUNE_EVERY == PRUNE_EVERY - 1) {
      leases.values().removeIf(lease -> !now.isBefore(lease.expiresAt()));
    }
    while (true) {
      CredentialLease lease = new CredentialLease("ASIA" + randomString(KEY_ALPHABET, 16),
          randomString(SECRET_ALPHABET, 40), sessionToken(), target, now, now.plus(lifetime));
      if (leases.putIfAbsent(lease.accessKeyId(), lease) == null) {
        return lease;
      }
    }
  }

  @Override
  public Optional<CredentialLease> findByAccessKeyId(String accessKeyId) {
    return Optional.ofNullable(leases.get(accessKeyId));
  }

  private String randomString(char[] alphabet, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return new String(out);
  }

  private String sessionToken() {
    byte[] bytes = new byte[96];
    random.nextBytes(bytes);
    return "HANGAR" + Base64.getEncoder().encodeToString(bytes);
  }
}
