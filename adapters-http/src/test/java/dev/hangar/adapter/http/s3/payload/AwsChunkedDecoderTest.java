package dev.hangar.adapter.http.s3.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.adapter.http.s3.payload.AwsChunkedDecoder.ChunkSigning;
import dev.hangar.adapter.http.s3.payload.PayloadException.Code;
import dev.hangar.adapter.http.sigv4.Canonical;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The S3 documentation's aws-chunked example (spec section 6) plus hand-built framing errors. */
class AwsChunkedDecoderTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String AMZ_DATE = "20130524T000000Z";
  private static final String SCOPE = "20130524/us-east-1/s3/aws4_request";
  private static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
  private static final String SIG_CHUNK1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
  private static final String SIG_CHUNK2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
  private static final String SIG_FINAL = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";
  private static final String SIG_TRAILER = "df5735bd9f3295cd9386572292562fefc93ba94e80a0a1ddcbd652c4e0a75e6c";
  private static final byte[] KEY = Canonical.signingKey(SECRET, "20130524", "us-east-1", "s3");
  private static final int DECODED = 66_560;
  private static final List<String> VECTOR_TRAILERS = List.of("first", "second", "third");
  private static final String VECTOR_TRAILER_LINES = "first:1st\r\nsecond:2nd\r\nthird:3rd\r\n";
  private static final String HELLO = "hello world\n".repeat(10);

  // ---- building bodies ----

  private static byte[] as(int count) {
    byte[] data = new byte[count];
    Arrays.fill(data, (byte) 'a');
    return data;
  }

  private static byte[] concat(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      byte[] bytes = part instanceof byte[] ? (byte[]) part : part.toString().getBytes(StandardCharsets.ISO_8859_1);
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] signedChunks(String sig1, String sig2, String sigFinal) {
    return concat("10000;chunk-signature=" + sig1 + "\r\n", as(65_536), "\r\n",
        "400;chunk-signature=" + sig2 + "\r\n", as(1_024), "\r\n",
        "0;chunk-signature=" + sigFinal + "\r\n");
  }

  /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD: the documentation's exact body. */
  private static byte[] signedBody() {
    return concat(signedChunks(SIG_CHUNK1, SIG_CHUNK2, SIG_FINAL), "\r\n");
  }

  /** The same chunks continued with the three signed trailers. */
  private static byte[] signedTrailerBody(String trailerLines, String trailerSignature) {
    return concat(signedChunks(SIG_CHUNK1, SIG_CHUNK2, SIG_FINAL), trailerLines,
        "x-amz-trailer-signature:" + trailerSignature + "\r\n\r\n");
  }

  /** boto3 over https (spec section 8). */
  private static byte[] unsignedBody() {
    return concat("78\r\n", HELLO, "\r\n0\r\nx-amz-checksum-crc32:vxfLBA==\r\n\r\n");
  }

  private static ChunkSigning signing(boolean signedTrailer) {
    return new ChunkSigning(KEY, AMZ_DATE, SCOPE, SEED, signedTrailer);
  }

  private static AwsChunkedDecoder signedDecoder(byte[] body, long decodedLength) {
    return new AwsChunkedDecoder(new ByteArrayInputStream(body), decodedLength, List.of(), signing(false));
  }

  private static AwsChunkedDecoder trailerDecoder(byte[] body) {
    return new AwsChunkedDecoder(new ByteArrayInputStream(body), DECODED, VECTOR_TRAILERS, signing(true));
  }

  private static AwsChunkedDecoder unsignedDecoder(byte[] body, long decodedLength, List<String> trailers) {
    return new AwsChunkedDecoder(new ByteArrayInputStream(body), decodedLength, trailers, null);
  }

  private static byte[] flip(byte[] body, int index) {
    byte[] copy = body.clone();
    copy[index] ^= 0x01;
    return copy;
  }

  private static int indexOf(byte[] body, String text) {
    byte[] needle = text.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i + needle.length <= body.length; i++) {
      if (Arrays.equals(body, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found: " + text);
  }

  // ---- reading ----

  /** Everything read() returned, and what ended the reading (null at a clean -1). */
  private record Drained(byte[] bytes, PayloadException failure) {
  }

  private static Drained drain(InputStream in, int bufferSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[bufferSize];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
      return new Drained(out.toByteArray(), null);
    } catch (PayloadException e) {
      return new Drained(out.toByteArray(), e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    Drained drained = drain(in, 8192);
    assertThat(drained.failure()).isNull();
    return drained.bytes();
  }

  private static Drained failing(InputStream in, Code code) throws IOException {
    Drained drained = drain(in, 8192);
    assertThat(drained.failure()).as("failure").isNotNull();
    assertThat(drained.failure().code()).isEqualTo(code);
    assertThat(drained.failure().getMessage()).doesNotContain(SEED, SIG_CHUNK1, SIG_CHUNK2, SIG_FINAL, SIG_TRAILER);
    return drained;
  }

  /** Hands out at most one byte per read, to cross every buffer boundary. */
  private static final class TrickleInputStream extends InputStream {
    private final byte[] data;
    private int pos;

    TrickleInputStream(byte[] data) {
      this.data = data;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int c = read();
      if (c < 0) {
        return -1;
      }
      b[off] = (byte) c;
      return 1;
    }
  }

  /** An endless stream of one byte value, counting what was taken from it. */
  private static final class EndlessInputStream extends InputStream {
    private final byte value;
    private long taken;

    EndlessInputStream(char value) {
      this.value = (byte) value;
    }

    @Override
    public int read() {
      taken++;
      return value;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Arrays.fill(b, off, off + len, value);
      taken += len;
      return len;
    }
  }

  // ---- signed chunks: the documentation vectors ----

  @Test
  void decode_specVectorsWithoutTrailer_yieldsObjectBytes() throws IOException {
    byte[] body = signedBody();
    AwsChunkedDecoder decoder = signedDecoder(body, DECODED);

    assertThat(body).hasSize(66_824);
    assertThat(readAll(decoder)).isEqualTo(as(DECODED));
    assertThat(decoder.trailers()).isEmpty();
    assertThat(decoder.read()).isEqualTo(-1);
  }

  @Test
  void decode_specVectorsWithSignedTrailer_yieldsObjectBytesAndTrailers() throws IOException {
    AwsChunkedDecoder decoder = trailerDecoder(signedTrailerBody(VECTOR_TRAILER_LINES, SIG_TRAILER));

    assertThat(readAll(decoder)).isEqualTo(as(DECODED));
    assertThat(decoder.trailers()).containsExactly(Map.entry("first", "1st"), Map.entry("second", "2nd"),
        Map.entry("third", "3rd"));
  }

  @Test
  void decode_oneByteAtATime_yieldsSameBytes() throws IOException {
    byte[] body = signedTrailerBody(VECTOR_TRAILER_LINES, SIG_TRAILER);
    AwsChunkedDecoder decoder = new AwsChunkedDecoder(new TrickleInputStream(body), DECODED, VECTOR_TRAILERS,
        signing(true));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int c = decoder.read(); c >= 0; c = decoder.read()) {
      out.write(c);
    }

    assertThat(out.toByteArray()).isEqualTo(as(DECODED));
    assertThat(decoder.trailers()).hasSize(3);
  }

  @Test
  void decode_oddReadSizes_yieldsSameBytes() throws IOException {
    assertThat(drain(signedDecoder(signedBody(), DECODED), 7).bytes()).isEqualTo(as(DECODED));
    assertThat(drain(signedDecoder(signedBody(), DECODED), 100_000).bytes()).isEqualTo(as(DECODED));
  }

  @Test
  void decode_flippedByteInFirstChunk_signatureMismatchBeforeAnyByte() throws IOException {
    byte[] body = flip(signedBody(), indexOf(signedBody(), "\r\naaaa") + 100);

    Drained drained = failing(signedDecoder(body, DECODED), Code.SIGNATURE_DOES_NOT_MATCH);
    assertThat(drained.bytes()).isEmpty();
  }

  @Test
  void decode_flippedByteInSecondChunk_onlyFirstChunkReturned() throws IOException {
    byte[] body = flip(signedBody(), indexOf(signedBody(), "400;chunk-signature=") + 90);

    Drained drained = failing(signedDecoder(body, DECODED), Code.SIGNATURE_DOES_NOT_MATCH);
    assertThat(drained.bytes()).isEqualTo(as(65_536));
  }

  @Test
  void decode_flippedChunkSignature_signatureMismatch() throws IOException {
    byte[] badSecond = signedBody();
    badSecond[indexOf(badSecond, SIG_CHUNK2) + 10] = (byte) 'f';
    byte[] badFinal = signedBody();
    badFinal[indexOf(badFinal, SIG_FINAL) + 63] = (byte) '0';

    assertThat(failing(signedDecoder(badSecond, DECODED), Code.SIGNATURE_DOES_NOT_MATCH).bytes()).hasSize(65_536);
    assertThat(failing(signedDecoder(badFinal, DECODED), Code.SIGNATURE_DOES_NOT_MATCH).bytes()).hasSize(DECODED);
  }

  @Test
  void decode_wrongSeed_signatureMismatch() throws IOException {
    ChunkSigning wrongSeed = new ChunkSigning(KEY, AMZ_DATE, SCOPE, SIG_FINAL, false);
    InputStream decoder = new AwsChunkedDecoder(new ByteArrayInputStream(signedBody()), DECODED, List.of(), wrongSeed);

    failing(decoder, Code.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void decode_truncatedBody_incompleteBody() throws IOException {
    byte[] body = signedBody();
    byte[] trailerBody = signedTrailerBody(VECTOR_TRAILER_LINES, SIG_TRAILER);
    byte[] withoutFinalChunk = Arrays.copyOf(body, indexOf(body, "0;chunk-signature="));

    failing(signedDecoder(Arrays.copyOf(body, body.length - 10), DECODED), Code.INCOMPLETE_BODY);
    failing(trailerDecoder(Arrays.copyOf(trailerBody, trailerBody.length - 10)), Code.INCOMPLETE_BODY);
    failing(signedDecoder(withoutFinalChunk, DECODED), Code.INCOMPLETE_BODY);
    failing(signedDecoder(Arrays.copyOf(body, 30_000), DECODED), Code.INCOMPLETE_BODY);
    failing(signedDecoder(Arrays.copyOf(body, body.length - 1), DECODED), Code.INCOMPLETE_BODY);
  }

  @Test
  void decode_bytesAfterTheEnd_malformed() throws IOException {
    failing(signedDecoder(concat(signedBody(), "x"), DECODED), Code.MALFORMED);
    failing(signedDecoder(concat(signedBody(), "\r\n"), DECODED), Code.MALFORMED);
    failing(trailerDecoder(concat(signedTrailerBody(VECTOR_TRAILER_LINES, SIG_TRAILER), "0")), Code.MALFORMED);
  }

  @Test
  void decode_wrongTrailerSignature_signatureMismatch() throws IOException {
    String wrong = SIG_TRAILER.substring(0, 63) + "d";

    failing(trailerDecoder(signedTrailerBody(VECTOR_TRAILER_LINES, wrong)), Code.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void decode_trailerValueChanged_signatureMismatch() throws IOException {
    String changed = "first:1st\r\nsecond:2nd\r\nthird:4th\r\n";

    failing(trailerDecoder(signedTrailerBody(changed, SIG_TRAILER)), Code.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void decode_trailerSignatureMissingOrMisplaced_malformed() throws IOException {
    byte[] missing = concat(signedChunks(SIG_CHUNK1, SIG_CHUNK2, SIG_FINAL), VECTOR_TRAILER_LINES, "\r\n");
    byte[] beforeTrailer = concat(signedChunks(SIG_CHUNK1, SIG_CHUNK2, SIG_FINAL), "first:1st\r\nsecond:2nd\r\n",
        "x-amz-trailer-signature:" + SIG_TRAILER + "\r\nthird:3rd\r\n\r\n");
    byte[] shortSignature = signedTrailerBody(VECTOR_TRAILER_LINES, SIG_TRAILER.substring(1));

    failing(trailerDecoder(missing), Code.MALFORMED);
    failing(trailerDecoder(beforeTrailer), Code.MALFORMED);
    failing(trailerDecoder(shortSignature), Code.MALFORMED);
  }

  @Test
  void decode_signedTrailerMissingOrUnexpected_malformed() throws IOException {
    byte[] body = signedTrailerBody(VECTOR_TRAILER_LINES, SIG_TRAILER);
    InputStream missingOne = new AwsChunkedDecoder(new ByteArrayInputStream(body), DECODED,
        List.of("first", "second", "third", "fourth"), signing(true));
    InputStream unexpectedOne = new AwsChunkedDecoder(new ByteArrayInputStream(body), DECODED,
        List.of("first", "second"), signing(true));

    failing(missingOne, Code.MALFORMED);
    failing(unexpectedOne, Code.MALFORMED);
  }

  @Test
  void decode_trailerWithoutSignedTrailerMode_malformed() throws IOException {
    failing(signedDecoder(signedTrailerBody(VECTOR_TRAILER_LINES, SIG_TRAILER), DECODED), Code.MALFORMED);
  }

  @Test
  void decode_decodedLengthSmallerThanData_malformedBeforeTheChunkIsReturned() throws IOException {
    assertThat(failing(signedDecoder(signedBody(), DECODED - 1), Code.MALFORMED).bytes()).hasSize(65_536);
    assertThat(failing(signedDecoder(signedBody(), 1_000), Code.MALFORMED).bytes()).isEmpty();
    assertThat(failing(unsignedDecoder(unsignedBody(), 119, List.of("x-amz-checksum-crc32")), Code.MALFORMED)
        .bytes()).isEmpty();
  }

  @Test
  void decode_decodedLengthLargerThanData_incompleteBody() throws IOException {
    failing(signedDecoder(signedBody(), DECODED + 1), Code.INCOMPLETE_BODY);
    failing(unsignedDecoder(unsignedBody(), 121, List.of("x-amz-checksum-crc32")), Code.INCOMPLETE_BODY);
  }

  @Test
  void decode_oversizeChunkSize_malformed() throws IOException {
    String overCap = Integer.toHexString(AwsChunkedDecoder.MAX_CHUNK_SIZE + 1);

    failing(signedDecoder(concat(overCap + ";chunk-signature=" + SIG_CHUNK1 + "\r\n"), Long.MAX_VALUE),
        Code.MALFORMED);
    failing(unsignedDecoder(concat(overCap + "\r\n"), Long.MAX_VALUE, List.of()), Code.MALFORMED);
    failing(unsignedDecoder(concat("ffffffffffffffff\r\n"), Long.MAX_VALUE, List.of()), Code.MALFORMED);
    failing(unsignedDecoder(concat("00000000000000001\r\na\r\n0\r\n\r\n"), 1, List.of()), Code.MALFORMED);
  }

  @Test
  void decode_chunkOfExactlyTheCap_accepted() throws IOException {
    int size = AwsChunkedDecoder.MAX_CHUNK_SIZE;
    byte[] body = concat(Integer.toHexString(size) + "\r\n", new byte[size], "\r\n0\r\n\r\n");

    assertThat(readAll(unsignedDecoder(body, size, List.of()))).hasSize(size);
  }

  @Test
  void decode_badChunkHeaders_malformed() throws IOException {
    String[] bad = {"\r\n", "g\r\n", "-1\r\n", " 1\r\n", "1 \r\n", "1;chunk-signature=" + SIG_CHUNK1 + "\r\n",
        "1\n", "1\r\r\n"};
    for (String header : bad) {
      failing(unsignedDecoder(concat(header, "a\r\n0\r\n\r\n"), 1, List.of()), Code.MALFORMED);
    }
    String[] badSigned = {"1\r\n", "1;chunk-signature=" + SIG_CHUNK1.substring(1) + "\r\n",
        "1;chunk-signature=" + SIG_CHUNK1 + "0\r\n", "1;chunk-signatura=" + SIG_CHUNK1 + "\r\n",
        "1;chunk-signature=" + SIG_CHUNK1 + ";x=y\r\n"};
    for (String header : badSigned) {
      failing(signedDecoder(concat(header, "a\r\n0;chunk-signature=" + SIG_FINAL + "\r\n\r\n"), 1), Code.MALFORMED);
    }
  }

  @Test
  void decode_chunkDataNotFollowedByCrlf_malformed() throws IOException {
    failing(unsignedDecoder(concat("2\r\nabc\r\n0\r\n\r\n"), 2, List.of()), Code.MALFORMED);
    byte[] signed = signedBody();
    signed[indexOf(signed, "400;chunk-signature=") - 1] = 'x';
    failing(signedDecoder(signed, DECODED), Code.MALFORMED);
  }

  @Test
  void decode_endlessLine_malformedAfterBoundedRead() throws IOException {
    EndlessInputStream endless = new EndlessInputStream('0');
    InputStream decoder = new AwsChunkedDecoder(endless, 10, List.of(), null);

    failing(decoder, Code.MALFORMED);
    assertThat(endless.taken).isLessThan(3 * 8192);
  }

  @Test
  void decode_overlongTrailerLine_malformed() throws IOException {
    String longValue = "A".repeat(AwsChunkedDecoder.MAX_LINE_LENGTH);
    byte[] body = concat("0\r\nx-amz-checksum-crc32:" + longValue + "\r\n\r\n");

    failing(unsignedDecoder(body, 0, List.of("x-amz-checksum-crc32")), Code.MALFORMED);
  }

  // ---- unsigned ----

  @Test
  void decode_unsignedWithChecksumTrailer_yieldsBytesAndTrailer() throws IOException {
    AwsChunkedDecoder decoder = unsignedDecoder(unsignedBody(), 120, List.of("X-Amz-Checksum-CRC32"));

    assertThat(new String(readAll(decoder), StandardCharsets.US_ASCII)).isEqualTo(HELLO);
    assertThat(decoder.trailers()).containsExactly(Map.entry("x-amz-checksum-crc32", "vxfLBA=="));
  }

  @Test
  void decode_unsignedThroughVerifyingStream_checksumFromTrailerVerified() throws IOException {
    AwsChunkedDecoder decoder = unsignedDecoder(unsignedBody(), 120, List.of("x-amz-checksum-crc32"));
    VerifyingInputStream verifying = new VerifyingInputStream(decoder, 120, null, ChecksumAlgorithm.CRC32,
        () -> decoder.trailers().get(ChecksumAlgorithm.CRC32.headerName()));

    assertThat(readAll(verifying)).hasSize(120);
    assertThat(verifying.checksumBase64()).contains("vxfLBA==");
  }

  @Test
  void decode_unsignedTrailerNameInAnyCaseOrManyChunks_accepted() throws IOException {
    byte[] body = concat("5\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Amz-Checksum-Crc32: DUoRhQ== \r\n\r\n");
    AwsChunkedDecoder decoder = new AwsChunkedDecoder(new TrickleInputStream(body), 11,
        List.of("x-amz-checksum-crc32"), null);

    assertThat(new String(drain(decoder, 3).bytes(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
    assertThat(decoder.trailers()).containsExactly(Map.entry("x-amz-checksum-crc32", "DUoRhQ=="));
  }

  @Test
  void decode_unsignedEmptyBody_endsAtOnce() throws IOException {
    AwsChunkedDecoder decoder = unsignedDecoder(concat("0\r\n\r\n"), 0, List.of());

    assertThat(decoder.read()).isEqualTo(-1);
    assertThat(decoder.trailers()).isEmpty();
  }

  @Test
  void decode_unsignedTrailersWrong_malformed() throws IOException {
    List<String> crc32 = List.of("x-amz-checksum-crc32");
    byte[] missing = concat("78\r\n", HELLO, "\r\n0\r\n\r\n");
    byte[] unexpected = concat("78\r\n", HELLO, "\r\n0\r\nx-amz-checksum-crc32:vxfLBA==\r\nx-amz-meta:1\r\n\r\n");
    byte[] repeated = concat("78\r\n", HELLO,
        "\r\n0\r\nx-amz-checksum-crc32:vxfLBA==\r\nx-amz-checksum-crc32:vxfLBA==\r\n\r\n");
    byte[] signature = concat("78\r\n", HELLO,
        "\r\n0\r\nx-amz-checksum-crc32:vxfLBA==\r\nx-amz-trailer-signature:" + SIG_TRAILER + "\r\n\r\n");
    byte[] noName = concat("78\r\n", HELLO, "\r\n0\r\nx-amz-checksum-crc32:vxfLBA==\r\n:x\r\n\r\n");
    byte[] noColon = concat("78\r\n", HELLO, "\r\n0\r\nx-amz-checksum-crc32\r\n\r\n");

    for (byte[] body : List.of(missing, unexpected, repeated, signature, noName, noColon)) {
      failing(unsignedDecoder(body, 120, crc32), Code.MALFORMED);
    }
    failing(unsignedDecoder(unsignedBody(), 120, List.of()), Code.MALFORMED);
  }

  @Test
  void decode_unsignedTruncatedOrExtended_rejected() throws IOException {
    byte[] body = unsignedBody();
    List<String> crc32 = List.of("x-amz-checksum-crc32");

    failing(unsignedDecoder(Arrays.copyOf(body, body.length - 10), 120, crc32), Code.INCOMPLETE_BODY);
    failing(unsignedDecoder(Arrays.copyOf(body, body.length - 2), 120, crc32), Code.INCOMPLETE_BODY);
    failing(unsignedDecoder(Arrays.copyOf(body, 50), 120, crc32), Code.INCOMPLETE_BODY);
    failing(unsignedDecoder(concat(body, "\n"), 120, crc32), Code.MALFORMED);
  }

  // ---- contract ----

  @Test
  void read_afterFailure_throwsTheSameFailureAgain() throws IOException {
    AwsChunkedDecoder decoder = signedDecoder(flip(signedBody(), 200), DECODED);
    PayloadException first = failing(decoder, Code.SIGNATURE_DOES_NOT_MATCH).failure();

    assertThatThrownBy(decoder::read).isSameAs(first);
    assertThatThrownBy(() -> decoder.read(new byte[10], 0, 10)).isSameAs(first);
  }

  @Test
  void trailers_beforeTheEnd_illegalState() throws IOException {
    AwsChunkedDecoder decoder = unsignedDecoder(unsignedBody(), 120, List.of("x-amz-checksum-crc32"));
    decoder.read();

    assertThatThrownBy(decoder::trailers).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void read_zeroLength_returnsZero() throws IOException {
    assertThat(signedDecoder(signedBody(), DECODED).read(new byte[4], 2, 0)).isZero();
    assertThatThrownBy(() -> signedDecoder(signedBody(), DECODED).read(new byte[4], 3, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void constructor_inconsistentArguments_illegalArgument() {
    InputStream empty = new ByteArrayInputStream(new byte[0]);

    assertThatThrownBy(() -> new AwsChunkedDecoder(empty, -1, List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AwsChunkedDecoder(empty, 0, List.of("x-amz-checksum-crc32"), signing(false)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void chunkSigning_keyCopiedAndHiddenFromToString() {
    byte[] key = KEY.clone();
    ChunkSigning signing = new ChunkSigning(key, AMZ_DATE, SCOPE, SEED, true);
    key[0] ^= 1;
    signing.signingKey()[1] ^= 1;

    assertThat(signing.signingKey()).isEqualTo(KEY);
    assertThat(signing.toString()).doesNotContain(SEED).doesNotContain(Canonical.hex(KEY)).contains(SCOPE);
  }
}
