package dev.hangar.adapter.http.s3.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hangar.adapter.http.s3.payload.PayloadException.Code;
import dev.hangar.adapter.http.sigv4.Canonical;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VerifyingInputStreamTest {
  private static final byte[] BODY = "hello world\n".repeat(10).getBytes(StandardCharsets.US_ASCII);
  private static final String BODY_SHA256 = "f243829f8d900b6cad786f1b1e3f1b10827dacec1682dfe630e166956515ff36";
  private static final String BODY_CRC32 = "vxfLBA==";

  private static byte[] readAll(InputStream in, int bufferSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[bufferSize];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static VerifyingInputStream stream(byte[] body, long length, String sha256, String crc32) {
    return new VerifyingInputStream(new ByteArrayInputStream(body), length, sha256, ChecksumAlgorithm.CRC32,
        crc32 == null ? null : () -> crc32);
  }

  private static PayloadException failure(InputStream in) {
    Throwable thrown = catchThrowable(() -> readAll(in, 8192));
    assertThat(thrown).as("failure").isInstanceOf(PayloadException.class);
    return (PayloadException) thrown;
  }

  @Test
  void read_everythingMatches_exposesDigestsAndLength() throws Exception {
    VerifyingInputStream in = stream(BODY, BODY.length, BODY_SHA256, BODY_CRC32);

    assertThat(readAll(in, 7)).isEqualTo(BODY);
    assertThat(in.length()).isEqualTo(120);
    assertThat(in.md5()).isEqualTo(MessageDigest.getInstance("MD5").digest(BODY));
    assertThat(in.md5Hex()).isEqualTo(Canonical.hex(MessageDigest.getInstance("MD5").digest(BODY)));
    assertThat(in.checksumBase64()).contains(BODY_CRC32);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void read_sha256OfObservedBoto3Request_matchesUpperCaseToo() throws IOException {
    VerifyingInputStream in = stream(BODY, -1, BODY_SHA256.toUpperCase(), null);

    assertThat(readAll(in, 8192)).isEqualTo(BODY);
    assertThat(in.length()).isEqualTo(120);
    assertThat(in.checksumBase64()).contains(BODY_CRC32);
  }

  @Test
  void read_nothingExpected_computesMd5AndLengthOnly() throws IOException {
    VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(BODY), -1, null, null, null);
    int first = in.read();

    assertThat(first).isEqualTo('h');
    assertThat(readAll(in, 1)).hasSize(119);
    assertThat(in.length()).isEqualTo(120);
    assertThat(in.md5Hex()).hasSize(32);
    assertThat(in.checksumBase64()).isEmpty();
  }

  @Test
  void read_emptyBody_md5OfNothing() throws IOException {
    VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(new byte[0]), 0,
        Canonical.EMPTY_SHA256, null, null);

    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.md5Hex()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
  }

  @Test
  void read_shorterThanExpected_incompleteBody() {
    assertThat(failure(stream(BODY, 121, null, null)).code()).isEqualTo(Code.INCOMPLETE_BODY);
  }

  @Test
  void read_longerThanExpected_malformedAsSoonAsExceeded() throws IOException {
    VerifyingInputStream in = stream(BODY, 100, null, null);
    byte[] buffer = new byte[60];

    assertThat(in.read(buffer)).isEqualTo(60);
    assertThatThrownBy(() -> in.read(buffer)).isInstanceOfSatisfying(PayloadException.class,
        e -> assertThat(e.code()).isEqualTo(Code.MALFORMED));
  }

  @Test
  void read_sha256Mismatch_contentSha256Mismatch() {
    String wrong = BODY_SHA256.substring(0, 63) + "7";

    assertThat(failure(stream(BODY, 120, wrong, BODY_CRC32)).code()).isEqualTo(Code.CONTENT_SHA256_MISMATCH);
  }

  @Test
  void read_checksumMismatch_badDigest() {
    byte[] changed = BODY.clone();
    changed[5] = '_';

    assertThat(failure(stream(changed, 120, null, BODY_CRC32)).code()).isEqualTo(Code.BAD_DIGEST);
    assertThat(failure(stream(BODY, 120, null, "AAAAAA==")).code()).isEqualTo(Code.BAD_DIGEST);
  }

  @Test
  void read_invalidChecksumValueFromSupplier_invalidDigest() {
    assertThat(failure(stream(BODY, 120, null, "vxfLBA")).code()).isEqualTo(Code.INVALID_DIGEST);
    assertThat(failure(new VerifyingInputStream(new ByteArrayInputStream(BODY), 120, null, ChecksumAlgorithm.CRC32,
        () -> null)).code()).isEqualTo(Code.INVALID_DIGEST);
  }

  @Test
  void read_checksumSupplier_calledOnlyAtTheEnd() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(BODY), 120, null,
        ChecksumAlgorithm.CRC32, () -> {
          calls.incrementAndGet();
          return BODY_CRC32;
        });

    in.read(new byte[120]);
    assertThat(calls).hasValue(0);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(calls).hasValue(1);
  }

  @Test
  void read_afterFailure_throwsTheSameFailureAgain() {
    VerifyingInputStream in = stream(BODY, 120, null, "AAAAAA==");
    PayloadException first = failure(in);

    assertThatThrownBy(in::read).isSameAs(first);
    assertThatThrownBy(in::md5).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void read_underlyingIoException_passesThroughUnchanged() {
    IOException broken = new IOException("connection reset");
    InputStream failing = new InputStream() {
      @Override
      public int read() throws IOException {
        throw broken;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        throw broken;
      }
    };
    VerifyingInputStream in = new VerifyingInputStream(failing, 10, null, null, null);

    assertThatThrownBy(() -> in.read(new byte[4])).isSameAs(broken);
  }

  @Test
  void read_underlyingPayloadException_passesThroughUnchanged() {
    byte[] body = "3\r\nabc\r\n0\r\n\r\nextra".getBytes(StandardCharsets.US_ASCII);
    AwsChunkedDecoder decoder = new AwsChunkedDecoder(new ByteArrayInputStream(body), 3,
        List.of(), null);

    assertThat(failure(new VerifyingInputStream(decoder, 3, null, null, null)).code()).isEqualTo(Code.MALFORMED);
  }

  @Test
  void accessors_beforeTheEnd_illegalState() throws IOException {
    VerifyingInputStream in = stream(BODY, 120, null, null);
    in.read(new byte[120]);

    assertThatThrownBy(in::md5).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(in::md5Hex).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(in::length).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(in::checksumBase64).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withKnownChecksum_invalidValue_failsBeforeReading() {
    for (String bad : new String[] {"vxfLBA", "vxfLBA=", "vxfLBA===", "vxfLBA!=", "vxfLBAA=", "AAAAAAAA",
        "vxfLBB==", " vxfLBA==", "", null}) {
      assertThatThrownBy(() -> VerifyingInputStream.withKnownChecksum(new ByteArrayInputStream(BODY), 120, null,
          ChecksumAlgorithm.CRC32, bad)).as(String.valueOf(bad)).isInstanceOfSatisfying(PayloadException.class,
          e -> assertThat(e.code()).isEqualTo(Code.INVALID_DIGEST));
    }
  }

  @Test
  void withKnownChecksum_validValue_verifiesAtTheEnd() throws IOException {
    VerifyingInputStream in = VerifyingInputStream.withKnownChecksum(new ByteArrayInputStream(BODY), 120,
        BODY_SHA256, ChecksumAlgorithm.CRC32, BODY_CRC32);

    assertThat(readAll(in, 8192)).isEqualTo(BODY);
    assertThat(in.checksumBase64()).contains(BODY_CRC32);
  }

  @ParameterizedTest
  @EnumSource(ChecksumAlgorithm.class)
  void requireValidChecksumValue_rightAndWrongLengths(ChecksumAlgorithm algorithm) {
    String right = Base64.getEncoder().encodeToString(new byte[algorithm.digestLength()]);
    String longer = Base64.getEncoder().encodeToString(new byte[algorithm.digestLength() + 1]);
    String shorter = Base64.getEncoder().encodeToString(new byte[algorithm.digestLength() - 1]);

    VerifyingInputStream.requireValidChecksumValue(algorithm, right);
    for (String bad : new String[] {longer, shorter}) {
      assertThatThrownBy(() -> VerifyingInputStream.requireValidChecksumValue(algorithm, bad))
          .isInstanceOfSatisfying(PayloadException.class, e -> assertThat(e.code()).isEqualTo(Code.INVALID_DIGEST));
    }
  }

  @ParameterizedTest
  @EnumSource(ChecksumAlgorithm.class)
  void read_eachAlgorithm_verifiesItsChecksum(ChecksumAlgorithm algorithm) throws IOException {
    RunningChecksum expected = algorithm.start();
    expected.update(BODY, 0, BODY.length);
    VerifyingInputStream in = VerifyingInputStream.withKnownChecksum(new ByteArrayInputStream(BODY), 120, null,
        algorithm, expected.base64());

    readAll(in, 13);
    assertThat(in.checksumBase64()).contains(expected.base64());
  }

  @Test
  void constructor_checksumWithoutAlgorithm_illegalArgument() {
    assertThatThrownBy(() -> new VerifyingInputStream(new ByteArrayInputStream(BODY), 120, null, null,
        () -> BODY_CRC32)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void payloadException_hasCodeAndNoStackTrace() {
    PayloadException e = new PayloadException(Code.BAD_DIGEST, "x");

    assertThat(e.code()).isEqualTo(Code.BAD_DIGEST);
    assertThat(e.getStackTrace()).isEmpty();
    assertThat(e.getCause()).isNull();
  }
}
