package dev.hangar.adapter.http.s3.payload;

import dev.hangar.adapter.http.sigv4.Digests;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The {@link RunningChecksum} implementations behind {@link ChecksumAlgorithm}. */
final class Checksums {
  private Checksums() {
  }

  static RunningChecksum crc32() {
    return new ZipChecksum(new CRC32());
  }

  static RunningChecksum crc32c() {
    return new ZipChecksum(new CRC32C());
  }

  static RunningChecksum crc64nvme() {
    return new Crc64Nvme();
  }

  static RunningChecksum messageDigest(String jdkName) {
    return new DigestChecksum(Digests.of(jdkName));
  }

  static byte[] bigEndian(long value, int length) {
    byte[] out = new byte[length];
    for (int i = length - 1; i >= 0; i--) {
      out[i] = (byte) value;
      value >>>= 8;
    }
    return out;
  }

  /** Shared "finished" guard: digest() may be repeated, update() after it is a bug. */
  private abstract static class Finishable implements RunningChecksum {
    private byte[] result;

    @Override
    public final void update(byte[] b, int off, int len) {
      if (result != null) {
        throw new IllegalStateException("checksum already finished");
      }
      Objects.checkFromIndexSize(off, len, b.length);
      doUpdate(b, off, len);
    }

    @Override
    public final byte[] digest() {
      if (result == null) {
        result = finish();
      }
      return result.clone();
    }

    abstract void doUpdate(byte[] b, int off, int len);

    abstract byte[] finish();
  }

  /** CRC32 and CRC32C from java.util.zip, 4 bytes big-endian. */
  private static final class ZipChecksum extends Finishable {
    private final Checksum checksum;

    ZipChecksum(Checksum checksum) {
      this.checksum = checksum;
    }

    @Override
    void doUpdate(byte[] b, int off, int len) {
      checksum.update(b, off, len);
    }

    @Override
    byte[] finish() {
      return bigEndian(checksum.getValue(), 4);
    }
  }

  /** SHA-1 and SHA-256. */
  private static final class DigestChecksum extends Finishable {
    private final MessageDigest digest;

    DigestChecksum(MessageDigest digest) {
      this.digest = digest;
    }

    @Override
    void doUpdate(byte[] b, int off, int len) {
      digest.update(b, off, len);
    }

    @Override
    byte[] finish() {
      return digest.digest();
    }
  }

  /**
   * CRC-64/NVME: reflected, polynomial 0xad93d23594c93659 (reflected 0x9a6c9329ac4bc9b5), init and xorout all
   * ones. Check value ("123456789"): 0xae8b14860a799888.
   */
  static final class Crc64Nvme extends Finishable {
    private static final long POLY_REFLECTED = 0x9a6c9329ac4bc9b5L;
    private static final long[] TABLE = table();

    private long crc = -1L;

    private static long[] table() {
      long[] table = new long[256];
      for (int i = 0; i < 256; i++) {
        long value = i;
        for (int bit = 0; bit < 8; bit++) {
          value = (value & 1) != 0 ? (value >>> 1) ^ POLY_REFLECTED : value >>> 1;
        }
        table[i] = value;
      }
      return table;
    }

    @Override
    void doUpdate(byte[] b, int off, int len) {
      long value = crc;
      for (int i = off, end = off + len; i < end; i++) {
        value = TABLE[(int) (value ^ b[i]) & 0xFF] ^ (value >>> 8);
      }
      crc = value;
    }

    @Override
    byte[] finish() {
      return bigEndian(~crc, 8);
    }
  }
}
