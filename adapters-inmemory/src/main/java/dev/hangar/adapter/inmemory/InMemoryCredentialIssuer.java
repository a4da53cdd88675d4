package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.application.port.out.LeaseLookup;
import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.credential.UploadTarget;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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

  private final Duration lifetime;
  /** One DRBG per thread: a shared SecureRandom (NativePRNG) serializes every caller on one lock. */
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(InMemoryCredentialIssuer::drbg);
  private final ConcurrentHashMap<String, CredentialLease> leases = new ConcurrentHashMap<>();
  /** Leases in the order they were issued: with one lifetime for all, also the order they expire in. */
  private final java.util.concurrent.ConcurrentLinkedQueue<CredentialLease> byExpiry = new java.util.concurrent.ConcurrentLinkedQueue<>();

  public InMemoryCredentialIssuer(Duration lifetime) {
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lease lifetime must be positive");
    }
  }

  @Override
  public CredentialLease issueUploadLease(UploadTarget target, Instant now) {
    // Forget the expired leases at the head of the queue: constant work per issue, however many leases live.
    for (CredentialLease oldest = byExpiry.peek(); oldest != null && !now.isBefore(oldest.expiresAt()); oldest = byExpiry.peek()) {
      if (byExpiry.remove(oldest)) {
        leases.remove(oldest.accessKeyId(), oldest);
      }
    }
    while (true) {
      // One draw of random bytes per lease: 16 for the key id, 40 for the secret, 96 for the token.
      byte[] bytes = new byte[16 + 40 + 96];
      RANDOM.get().nextBytes(bytes);
      CredentialLease lease = new CredentialLease("ASIA" + encode(bytes, 0, 16, KEY_ALPHABET),
          encode(bytes, 16, 40, SECRET_ALPHABET), "HANGAR" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, 56, 152)),
          target, now, now.plus(lifetime));
      if (leases.putIfAbsent(lease.accessKeyId(), lease) == null) {
        byExpiry.add(lease);
        return lease;
      }
    }
  }

  @Override
  public Optional<CredentialLease> findByAccessKeyId(String accessKeyId) {
    return Optional.ofNullable(leases.get(accessKeyId));
  }

  /** Maps random bytes onto an alphabet of 32 or 64 characters (a power of two: no bias). */
  private static String encode(byte[] bytes, int from, int length, char[] alphabet) {
    char[] out = new char[length];
    int mask = alphabet.length - 1;
    for (int i = 0; i < length; i++) {
      out[i] = alphabet[bytes[from + i] & mask];
    }
    return new String(out);
  }

  static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (java.security.NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
