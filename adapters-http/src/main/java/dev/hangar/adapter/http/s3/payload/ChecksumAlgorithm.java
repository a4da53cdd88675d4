package dev.hangar.adapter.http.s3.payload;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** The S3 additional checksums ({@code x-amz-checksum-*}, {@code x-amz-sdk-checksum-algorithm}). */
public enum ChecksumAlgorithm {
  CRC32(4, Checksums::crc32),
  CRC32C(4, Checksums::crc32c),
  CRC64NVME(8, Checksums::crc64nvme),
  SHA1(20, () -> Checksums.messageDigest("SHA-1")),
  SHA256(32, () -> Checksums.messageDigest("SHA-256"));

  private final int digestLength;
  private final Supplier<RunningChecksum> factory;
  private final String headerName;

  ChecksumAlgorithm(int digestLength, Supplier<RunningChecksum> factory) {
    this.digestLength = digestLength;
    this.factory = factory;
    this.headerName = "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
  }

  /** The header (and trailer) carrying this checksum, lower case, e.g. {@code x-amz-checksum-crc32}. */
  public String headerName() {
    return headerName;
  }

  /** Length in bytes of the raw digest (before base64). */
  public int digestLength() {
    return digestLength;
  }

  /** A fresh checksum computation. */
  public RunningChecksum start() {
    return factory.get();
  }

  /** The algorithm named by a header such as {@code X-Amz-Checksum-CRC32} (case-insensitive). */
  public static Optional<ChecksumAlgorithm> fromHeaderName(String headerName) {
    if (headerName == null) {
      return Optional.empty();
    }
    for (ChecksumAlgorithm algorithm : values()) {
      if (algorithm.headerName.equalsIgnoreCase(headerName)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }

  /** The algorithm named as in {@code x-amz-sdk-checksum-algorithm: CRC32} (case-insensitive). */
  public static Optional<ChecksumAlgorithm> fromAlgorithmName(String algorithmName) {
    if (algorithmName == null) {
      return Optional.empty();
    }
    for (ChecksumAlgorithm algorithm : values()) {
      if (algorithm.name().equalsIgnoreCase(algorithmName)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
