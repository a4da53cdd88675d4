package dev.hangar.adapter.http;

import dev.hangar.application.port.in.ListingCursor;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.failure.InvalidValueException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a {@link ListingCursor} into the opaque NextToken a client passes back, and opens it again. The
 * token carries an HMAC-SHA256 tag: a token that was altered, or sealed with another key, does not open.
 * Whether it belongs to this caller and this filter is the use case's check.
 */
public final class NextTokens {
  private static final byte VERSION = 1;
  private static final int TAG_LENGTH = 16;
  private static final int MAX_TOKEN_LENGTH = 4096;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public NextTokens(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the token key needs at least 256 bits");
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  public String seal(ListingCursor cursor) {
    byte[] payload = (cursor.account().value() + "\n" + cursor.status().map(Enum::name).orElse("")
        + "\n" + cursor.after().value()).getBytes(StandardCharsets.UTF_8);
    byte[] tag = tag(payload);
    ByteBuffer token = ByteBuffer.allocate(1 + TAG_LENGTH + payload.length);
    token.put(VERSION).put(tag, 0, TAG_LENGTH).put(payload);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
  }

  public ListingCursor open(String token) {
    byte[] raw = decode(token);
    if (raw.length <= 1 + TAG_LENGTH || raw[0] != VERSION) {
      throw invalid();
    }
    byte[] payload = Arrays.copyOfRange(raw, 1 + TAG_LENGTH, raw.length);
    byte[] expected = Arrays.copyOf(tag(payload), TAG_LENGTH);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, 1, 1 + TAG_LENGTH))) {
      throw invalid();
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
    if (parts.length != 3) {
      throw invalid();
    }
    Optional<BuildStatus> status = parts[1].isEmpty() ? Optional.empty() : Optional.of(BuildStatus.valueOf(parts[1]));
    return new ListingCursor(new AccountId(parts[0]), status, new BuildId(parts[2]));
  }

  private static byte[] decode(String token) {
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      throw invalid();
    }
    try {
      return Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private byte[] tag(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static InvalidValueException invalid() {
    return InvalidValueException.rejected("NextToken", "the token was not issued by this service, or was altered");
  }
}
