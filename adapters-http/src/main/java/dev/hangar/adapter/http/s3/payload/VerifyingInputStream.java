package dev.hangar.adapter.http.s3.payload;

import dev.hangar.adapter.http.sigv4.Digests;
import dev.hangar.adapter.http.s3.payload.PayloadException.Code;
import dev.hangar.adapter.http.sigv4.Canonical;
import dev.hangar.application.port.out.ContentMd5;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Passes an object's bytes through while computing their MD5 (the S3 ETag), their count and, when asked, their
 * SHA-256 and one additional checksum. At the end of the stream (the first -1) it checks, in this order: the length
 * ({@link Code#INCOMPLETE_BODY} when short; a long body fails with {@link Code#MALFORMED} as soon as it is exceeded),
 * the {@code x-amz-content-sha256} hex ({@link Code#CONTENT_SHA256_MISMATCH}), and the checksum
 * ({@link Code#INVALID_DIGEST} for a value that is not base64 of the right length, else {@link Code#BAD_DIGEST}).
 * -1 is returned only after every check passed; a failure is thrown again by every later read. IOExceptions of the
 * underlying stream pass through unchanged. Not thread-safe. Its MD5 is the one the upload store keeps
 * ({@link ContentMd5}): the bytes are digested here only.
 */
public final class VerifyingInputStream extends InputStream implements ContentMd5 {
  private final InputStream in;
  private final long expectedLength;
  private final String expectedSha256Hex;
  private final ChecksumAlgorithm algorithm;
  private final Supplier<String> expectedChecksumBase64;
  private final MessageDigest md5 = Digests.of("MD5");
  private final MessageDigest sha256;
  private final RunningChecksum checksum;

  private long count;
  private boolean verified;
  private byte[] md5Result;
  private String checksumResult;
  private PayloadException failure;

  /**
   * @param in the object's bytes (a plain body or an {@link AwsChunkedDecoder})
   * @param expectedLength the object's length, -1 if unknown
   * @param expectedSha256Hex the hex {@code x-amz-content-sha256}, null to skip
   * @param algorithm the checksum to compute, null for none
   * @param expectedChecksumBase64 the expected checksum, read at the end of the stream (so it may come from a
   *     trailer), null to compute without checking; requires {@code algorithm}
   */
  public VerifyingInputStream(InputStream in, long expectedLength, String expectedSha256Hex,
      ChecksumAlgorithm algorithm, Supplier<String> expectedChecksumBase64) {
    this.in = Objects.requireNonNull(in, "in");
    if (expectedLength < -1) {
      throw new IllegalArgumentException("expectedLength must be >= -1");
    }
    if (expectedChecksumBase64 != null && algorithm == null) {
      throw new IllegalArgumentException("an expected checksum needs its algorithm");
    }
    this.expectedLength = expectedLength;
    this.expectedSha256Hex = expectedSha256Hex == null ? null : expectedSha256Hex.toLowerCase(Locale.ROOT);
    this.algorithm = algorithm;
    this.expectedChecksumBase64 = expectedChecksumBase64;
    this.sha256 = expectedSha256Hex == null ? null : Digests.of("SHA-256");
    this.checksum = algorithm == null ? null : algorithm.start();
  }

  /**
   * A stream whose expected checksum is known now (an {@code x-amz-checksum-*} header): the value is checked up
   * front, so a malformed one fails with {@link Code#INVALID_DIGEST} before any byte is read.
   */
  public static VerifyingInputStream withKnownChecksum(InputStream in, long expectedLength, String expectedSha256Hex,
      ChecksumAlgorithm algorithm, String expectedChecksumBase64) {
    Objects.requireNonNull(algorithm, "algorithm");
    requireValidChecksumValue(algorithm, expectedChecksumBase64);
    return new VerifyingInputStream(in, expectedLength, expectedSha256Hex, algorithm, () -> expectedChecksumBase64);
  }

  /** Throws {@link Code#INVALID_DIGEST} unless {@code value} is canonical padded base64 of a digest of the right length. */
  public static void requireValidChecksumValue(ChecksumAlgorithm algorithm, String value) {
    decodeChecksum(algorithm, value);
  }

  /** The MD5 of the bytes, once the stream has ended and verified. */
  public byte[] md5() {
    requireVerified();
    return md5Result.clone();
  }

  /** {@link #md5()} as lower-case hex: the ETag of a single PUT (without its quotes), taken by the store as it is. */
  @Override
  public String md5Hex() {
    requireVerified();
    return Canonical.hex(md5Result);
  }

  /** The number of bytes, once the stream has ended and verified. */
  public long length() {
    requireVerified();
    return count;
  }

  /** The computed checksum (base64) when an algorithm was given, once the stream has ended and verified. */
  public Optional<String> checksumBase64() {
    requireVerified();
    return Optional.ofNullable(checksumResult);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (failure != null) {
      throw failure;
    }
    if (verified) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    try {
      return readVerified(b, off, len);
    } catch (PayloadException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public int available() throws IOException {
    return verified || failure != null ? 0 : in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private int readVerified(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n < 0) {
      verifyAtEnd();
      return -1;
    }
    count += n;
    if (expectedLength >= 0 && count > expectedLength) {
      throw new PayloadException(Code.MALFORMED, "the body is longer than its announced length");
    }
    md5.update(b, off, n);
    if (sha256 != null) {
      sha256.update(b, off, n);
    }
    if (checksum != null) {
      checksum.update(b, off, n);
    }
    return n;
  }

  private void verifyAtEnd() {
    if (expectedLength >= 0 && count < expectedLength) {
      throw new PayloadException(Code.INCOMPLETE_BODY, "the body is shorter than its announced length");
    }
    if (sha256 != null && !MessageDigest.isEqual(Canonical.hex(sha256.digest()).getBytes(StandardCharsets.US_ASCII),
        expectedSha256Hex.getBytes(StandardCharsets.US_ASCII))) {
      throw new PayloadException(Code.CONTENT_SHA256_MISMATCH, "x-amz-content-sha256 does not match the body");
    }
    if (checksum != null) {
      verifyChecksum();
    }
    md5Result = md5.digest();
    verified = true;
  }

  private void verifyChecksum() {
    byte[] actual = checksum.digest();
    if (expectedChecksumBase64 != null) {
      byte[] expected = decodeChecksum(algorithm, expectedChecksumBase64.get());
      if (!MessageDigest.isEqual(actual, expected)) {
        throw new PayloadException(Code.BAD_DIGEST, "the " + algorithm.headerName() + " value does not match the body");
      }
    }
    checksumResult = Base64.getEncoder().encodeToString(actual);
  }

  private static byte[] decodeChecksum(ChecksumAlgorithm algorithm, String value) {
    Objects.requireNonNull(algorithm, "algorithm");
    String what = algorithm.headerName();
    if (value == null) {
      throw new PayloadException(Code.INVALID_DIGEST, "the " + what + " value is missing");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new PayloadException(Code.INVALID_DIGEST, "the " + what + " value is not base64");
    }
    if (decoded.length != algorithm.digestLength() || !Base64.getEncoder().encodeToString(decoded).equals(value)) {
      throw new PayloadException(Code.INVALID_DIGEST,
          "the " + what + " value is not base64 of " + algorithm.digestLength() + " bytes");
    }
    return decoded;
  }

  private void requireVerified() {
    if (!verified) {
      throw new IllegalStateException("known only after the end of a verified body");
    }
  }
}
