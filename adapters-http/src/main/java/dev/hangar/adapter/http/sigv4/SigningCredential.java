package dev.hangar.adapter.http.sigv4;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the verifier needs to know about an access key: its secret, the session token it must come with
 * (temporary credentials only), its expiry, and whom it stands for. {@code toString} shows neither the
 * secret nor the token.
 */
public final class SigningCredential<P> {
  private final String secretAccessKey;
  private final String sessionToken;
  private final Instant expiresAt;
  private final P principal;

  private SigningCredential(String secretAccessKey, String sessionToken, Instant expiresAt, P principal) {
    this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    this.sessionToken = sessionToken;
    this.expiresAt = expiresAt;
    this.principal = Objects.requireNonNull(principal, "principal");
  }

  /** Long-term keys: no token, no expiry. */
  public static <P> SigningCredential<P> longTerm(String secretAccessKey, P principal) {
    return new SigningCredential<>(secretAccessKey, null, null, principal);
  }

  /** Temporary keys: valid only with their token, and only before their expiry. */
  public static <P> SigningCredential<P> temporary(String secretAccessKey, String sessionToken, Instant expiresAt, P principal) {
    return new SigningCredential<>(secretAccessKey, Objects.requireNonNull(sessionToken, "sessionToken"),
        Objects.requireNonNull(expiresAt, "expiresAt"), principal);
  }

  String secretAccessKey() {
    return secretAccessKey;
  }

  Optional<String> sessionToken() {
    return Optional.ofNullable(sessionToken);
  }

  Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  public P principal() {
    return principal;
  }

  @Override
  public String toString() {
    return "SigningCredential[principal=" + principal + ", secret=****" + (sessionToken == null ? "" : ", token=****")
        + (expiresAt == null ? "" : ", expiresAt=" + expiresAt) + "]";
  }
}
