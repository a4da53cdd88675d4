package dev.hangar.adapter.http.s3.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChecksumAlgorithmTest {
  private static final byte[] CHECK_INPUT = "123456789".getBytes(StandardCharsets.US_ASCII);

  private static byte[] digest(ChecksumAlgorithm algorithm, byte[] data) {
    RunningChecksum checksum = algorithm.start();
    checksum.update(data, 0, data.length);
    return checksum.digest();
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void crc32_helloWorldTimesTen_matchesObservedHeader() {
    byte[] body = "hello world\n".repeat(10).getBytes(StandardCharsets.US_ASCII);
    RunningChecksum checksum = ChecksumAlgorithm.CRC32.start();
    checksum.update(body, 0, body.length);
    assertThat(checksum.base64()).isEqualTo("vxfLBA==");
  }

  @Test
  void crc32_checkInput_isStandardCheckValue() {
    assertThat(hex(digest(ChecksumAlgorithm.CRC32, CHECK_INPUT))).isEqualTo("cbf43926");
  }

  @Test
  void crc32c_checkInput_isStandardCheckValue() {
    assertThat(hex(digest(ChecksumAlgorithm.CRC32C, CHECK_INPUT))).isEqualTo("e3069283");
  }

  @Test
  void crc64nvme_checkInput_isStandardCheckValue() {
    assertThat(hex(digest(ChecksumAlgorithm.CRC64NVME, CHECK_INPUT))).isEqualTo("ae8b14860a799888");
  }

  @Test
  void crc64nvme_emptyInput_isZero() {
    assertThat(hex(digest(ChecksumAlgorithm.CRC64NVME, new byte[0]))).isEqualTo("0000000000000000");
  }

  @Test
  void sha1_anyInput_matchesMessageDigest() throws Exception {
    byte[] data = randomBytes(10_000);
    assertThat(digest(ChecksumAlgorithm.SHA1, data)).isEqualTo(MessageDigest.getInstance("SHA-1").digest(data));
  }

  @Test
  void sha256_anyInput_matchesMessageDigest() throws Exception {
    byte[] data = randomBytes(10_000);
    assertThat(digest(ChecksumAlgorithm.SHA256, data)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
  }

  @ParameterizedTest
  @EnumSource(ChecksumAlgorithm.class)
  void update_splitAtOffsets_equalsOneUpdate(ChecksumAlgorithm algorithm) {
    byte[] data = randomBytes(5_000);
    byte[] padded = new byte[data.length + 20];
    System.arraycopy(data, 0, padded, 7, data.length);
    RunningChecksum split = algorithm.start();
    split.update(padded, 7, 1);
    split.update(padded, 8, 2_000);
    split.update(padded, 2_008, 0);
    split.update(padded, 2_008, data.length - 2_001);

    assertThat(split.digest()).isEqualTo(digest(algorithm, data)).hasSize(algorithm.digestLength());
  }

  @ParameterizedTest
  @EnumSource(ChecksumAlgorithm.class)
  void digest_calledTwice_sameValueAndNoMoreUpdates(ChecksumAlgorithm algorithm) {
    RunningChecksum checksum = algorithm.start();
    checksum.update(CHECK_INPUT, 0, CHECK_INPUT.length);
    byte[] first = checksum.digest();
    first[0] ^= 1;

    assertThat(checksum.digest()).isNotEqualTo(first).isEqualTo(digest(algorithm, CHECK_INPUT));
    assertThat(checksum.base64()).isEqualTo(Base64.getEncoder().encodeToString(digest(algorithm, CHECK_INPUT)));
    assertThatThrownBy(() -> checksum.update(CHECK_INPUT, 0, 1)).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @EnumSource(ChecksumAlgorithm.class)
  void update_outOfBounds_throws(ChecksumAlgorithm algorithm) {
    assertThatThrownBy(() -> algorithm.start().update(CHECK_INPUT, 5, 5))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void headerName_eachAlgorithm_isLowerCaseAmzChecksum() {
    assertThat(Arrays.stream(ChecksumAlgorithm.values()).map(ChecksumAlgorithm::headerName)).containsExactly(
        "x-amz-checksum-crc32", "x-amz-checksum-crc32c", "x-amz-checksum-crc64nvme", "x-amz-checksum-sha1",
        "x-amz-checksum-sha256");
    assertThat(Arrays.stream(ChecksumAlgorithm.values()).mapToInt(ChecksumAlgorithm::digestLength))
        .containsExactly(4, 4, 8, 20, 32);
  }

  @Test
  void fromHeaderName_anyCase_findsAlgorithm() {
    assertThat(ChecksumAlgorithm.fromHeaderName("X-Amz-Checksum-CRC32C")).contains(ChecksumAlgorithm.CRC32C);
    assertThat(ChecksumAlgorithm.fromHeaderName("x-amz-checksum-sha256")).contains(ChecksumAlgorithm.SHA256);
    assertThat(ChecksumAlgorithm.fromHeaderName("x-amz-checksum-md5")).isEmpty();
    assertThat(ChecksumAlgorithm.fromHeaderName("x-amz-checksum-type")).isEmpty();
    assertThat(ChecksumAlgorithm.fromHeaderName(null)).isEmpty();
  }

  @Test
  void fromAlgorithmName_anyCase_findsAlgorithm() {
    assertThat(ChecksumAlgorithm.fromAlgorithmName("CRC32")).contains(ChecksumAlgorithm.CRC32);
    assertThat(ChecksumAlgorithm.fromAlgorithmName("crc64nvme")).contains(ChecksumAlgorithm.CRC64NVME);
    assertThat(ChecksumAlgorithm.fromAlgorithmName("Sha1")).contains(ChecksumAlgorithm.SHA1);
    assertThat(ChecksumAlgorithm.fromAlgorithmName("MD5")).isEmpty();
    assertThat(ChecksumAlgorithm.fromAlgorithmName(null)).isEmpty();
  }

  private static byte[] randomBytes(int size) {
    byte[] data = new byte[size];
    new Random(42).nextBytes(data);
    return data;
  }
}
