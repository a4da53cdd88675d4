package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.application.port.out.LeaseKeys;
import dev.hangar.application.port.out.LeaseLookup;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.credential.UploadTarget;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StorageLocation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints upload leases that need no stored state: the session token is the lease itself, sealed with
 * AES-256-GCM under a key derived from the node's lease key, and the secret is an HMAC of the access key id
 * under another derived key. Verifying a lease is opening its token: nothing is kept per lease, so memory
 * stays flat however many leases are issued, and a node that keeps its key (local) honours, after a
 * restart, the leases it issued before.
 *
 * <p>Token: {@code HGL1} then base64 of {@code version(1) keyId(4) nonce(12) ciphertext tag(16)}; the
 * plaintext holds issue and expiry (epoch milliseconds), then the access key id, account, build, bucket and
 * key, each as a 2-byte length and UTF-8. The version and key id are authenticated too. docs/uploads.md
 * describes the format, and how keys are kept and rotated.
 */
public final class SealedCredentialIssuer implements CredentialIssuer, LeaseLookup {
  static final String TOKEN_PREFIX = "HGL1";
  private static final byte VERSION = 1;
  private static final int HEADER = 1 + 4;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final int MAX_TOKEN_CHARS = 4096;
  private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  /** One DRBG per thread: a shared SecureRandom (NativePRNG) serializes every caller on one lock. */
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SealedCredentialIssuer::drbg);
  private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is part of every JDK", e);
    }
  });
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  });

  /** One node key, as used: its id in tokens, and the two keys derived from it. */
  private record SealingKey(byte[] id, SecretKeySpec seal, SecretKeySpec secret) {
  }

  private final List<SealingKey> keys;
  private final Duration lifetime;

  public SealedCredentialIssuer(LeaseKeys leaseKeys, Duration lifetime) {
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lease lifetime must be positive");
    }
    List<SealingKey> derived = new ArrayList<>();
    for (byte[] key : leaseKeys.keys()) {
      if (key.length != 32) {
        throw new IllegalArgumentException("a lease key is 32 bytes");
      }
      derived.add(new SealingKey(Arrays.copyOf(sha256(key), 4), new SecretKeySpec(hmac(key, "hangar lease seal v1"), "AES"),
          new SecretKeySpec(hmac(key, "hangar lease secret v1"), "HmacSHA256")));
    }
    if (derived.isEmpty()) {
      throw new IllegalArgumentException("at least one lease key is needed");
    }
    this.keys = List.copyOf(derived);
  }

  @Override
  public CredentialLease issueUploadLease(UploadTarget target, Instant now) {
    // Milliseconds: what the token keeps, so that the lease opened from it equals the lease issued.
    Instant issuedAt = Instant.ofEpochMilli(now.toEpochMilli());
    Instant expiresAt = issuedAt.plus(lifetime);
    byte[] random = new byte[10 + NONCE];
    RANDOM.get().nextBytes(random);
    String accessKeyId = "ASIA" + base32(random, 10);
    SealingKey key = keys.get(0);
    byte[] plain = plaintext(accessKeyId, target, issuedAt, expiresAt);
    ByteBuffer token = ByteBuffer.allocate(HEADER + NONCE + plain.length + TAG_BITS / 8);
    token.put(VERSION).put(key.id()).put(random, 10, NONCE);
    try {
      Cipher cipher = CIPHER.get();
      cipher.init(Cipher.ENCRYPT_MODE, key.seal(), new GCMParameterSpec(TAG_BITS, random, 10, NONCE));
      cipher.updateAAD(token.array(), 0, HEADER);
      cipher.doFinal(ByteBuffer.wrap(plain), token);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing a lease failed", e);
    }
    return new CredentialLease(accessKeyId, secretFor(key, accessKeyId),
        TOKEN_PREFIX + Base64.getEncoder().encodeToString(token.array()), target, issuedAt, expiresAt);
  }

  @Override
  public Optional<CredentialLease> open(String accessKeyId, String sessionToken) {
    if (accessKeyId == null || sessionToken == null || !sessionToken.startsWith(TOKEN_PREFIX)
        || sessionToken.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    try {
      byte[] token = Base64.getDecoder().decode(sessionToken.substring(TOKEN_PREFIX.length()));
      if (token.length < HEADER + NONCE + TAG_BITS / 8 || token[0] != VERSION) {
        return Optional.empty();
      }
      for (SealingKey key : keys) {
        if (Arrays.equals(key.id(), 0, 4, token, 1, HEADER)) {
          return open(key, accessKeyId, token, sessionToken);
        }
      }
      return Optional.empty();
    } catch (IllegalArgumentException | GeneralSecurityException | java.nio.BufferUnderflowException e) {
      // Not base64, a seal that fails, a plaintext that is not a lease: all just "not a lease of this node".
      return Optional.empty();
    }
  }

  private Optional<CredentialLease> open(SealingKey key, String accessKeyId, byte[] token, String sessionToken)
      throws GeneralSecurityException {
    Cipher cipher = CIPHER.get();
    cipher.init(Cipher.DECRYPT_MODE, key.seal(), new GCMParameterSpec(TAG_BITS, token, HEADER, NONCE));
    cipher.updateAAD(token, 0, HEADER);
    byte[] plain = cipher.doFinal(token, HEADER + NONCE, token.length - HEADER - NONCE);
    ByteBuffer in = ByteBuffer.wrap(plain);
    Instant issuedAt = Instant.ofEpochMilli(in.getLong());
    Instant expiresAt = Instant.ofEpochMilli(in.getLong());
    String sealedFor = text(in);
    if (!sealedFor.equals(accessKeyId)) {
      return Optional.empty();
    }
    AccountId account = new AccountId(text(in));
    BuildId build = new BuildId(text(in));
    StorageLocation location = StorageLocation.serviceOwned(new BucketName(text(in)), new ObjectKey(text(in)));
    if (in.hasRemaining()) {
      return Optional.empty();
    }
    return Optional.of(new CredentialLease(accessKeyId, secretFor(key, accessKeyId), sessionToken,
        new UploadTarget(account, build, location), issuedAt, expiresAt));
  }

  private static byte[] plaintext(String accessKeyId, UploadTarget target, Instant issuedAt, Instant expiresAt) {
    byte[][] fields = {bytes(accessKeyId), bytes(target.account().value()), bytes(target.buildId().value()),
        bytes(target.location().bucket().value()), bytes(target.location().key().value())};
    int length = 16;
    for (byte[] field : fields) {
      if (field.length > 0xFFFF) {
        throw new IllegalArgumentException("a lease field is longer than 65535 bytes");
      }
      length += 2 + field.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length).putLong(issuedAt.toEpochMilli()).putLong(expiresAt.toEpochMilli());
    for (byte[] field : fields) {
      out.putShort((short) field.length).put(field);
    }
    return out.array();
  }

  private static String text(ByteBuffer in) {
    int length = Short.toUnsignedInt(in.getShort());
    byte[] value = new byte[length];
    in.get(value);
    return new String(value, StandardCharsets.UTF_8);
  }

  /** 40 characters of base64, as AWS's secrets: the HMAC of the access key id under the node's secret key. */
  private static String secretFor(SealingKey key, String accessKeyId) {
    Mac mac = HMAC.get();
    try {
      mac.init(key.secret());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    byte[] digest = mac.doFinal(bytes(accessKeyId));
    return Base64.getEncoder().encodeToString(digest).substring(0, 40);
  }

  private static byte[] hmac(byte[] key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(bytes(label));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** 16 characters from 10 random bytes, 5 bits each (a power of two: no bias). */
  private static String base32(byte[] random, int length) {
    char[] out = new char[length * 8 / 5];
    long bits = 0;
    int have = 0;
    int at = 0;
    for (int i = 0; i < length; i++) {
      bits = (bits << 8) | (random[i] & 0xFF);
      have += 8;
      while (have >= 5) {
        out[at++] = KEY_ALPHABET[(int) (bits >>> (have - 5)) & 31];
        have -= 5;
      }
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
