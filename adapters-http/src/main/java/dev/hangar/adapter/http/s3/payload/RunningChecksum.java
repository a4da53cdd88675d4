package dev.hangar.adapter.http.s3.payload;

import java.util.Base64;

/**
 * A checksum being computed over a stream of bytes. {@link #digest()} finishes it: it may be called again (same
 * value) but no {@link #update} may follow. CRC values are returned as big-endian bytes, as S3 sends them.
 */
public interface RunningChecksum {
  void update(byte[] b, int off, int len);

  byte[] digest();

  /** The digest as S3 writes it in {@code x-amz-checksum-*}: standard base64 with padding. */
  default String base64() {
    return Base64.getEncoder().encodeToString(digest());
  }
}
