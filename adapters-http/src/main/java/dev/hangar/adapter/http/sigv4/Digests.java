package dev.hangar.adapter.http.sigv4;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/** The one factory of message digests in this module: SigV4's SHA-256, payload hashes and S3 checksums. */
public final class Digests {
  private Digests() {
  }

  /** A new digest of a JDK algorithm every JDK has (MD5, SHA-1, SHA-256). */
  public static MessageDigest of(String jdkName) {
    try {
      return MessageDigest.getInstance(jdkName);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(jdkName + " is part of every JDK", e);
    }
  }
}
