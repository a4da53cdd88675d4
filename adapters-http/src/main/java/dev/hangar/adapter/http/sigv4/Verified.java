package dev.hangar.adapter.http.sigv4;

/**
 * A request whose signature checked out: whom it stands for, and what a streaming body's chunk signatures
 * chain from (the seed signature, the signing key, the request date and the credential scope).
 */
public record Verified<P>(P principal, String accessKeyId, String seedSignature, byte[] signingKey, String amzDate, String scope) {
  @Override
  public String toString() {
    return "Verified[accessKeyId=" + accessKeyId + ", scope=" + scope + "]";
  }
}
