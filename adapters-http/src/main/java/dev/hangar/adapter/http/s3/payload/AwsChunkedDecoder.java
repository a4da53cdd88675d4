package dev.hangar.adapter.http.s3.payload;

import dev.hangar.adapter.http.sigv4.Digests;
import dev.hangar.adapter.http.s3.payload.PayloadException.Code;
import dev.hangar.adapter.http.sigv4.Canonical;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decodes an {@code aws-chunked} body (HTTP chunking already removed) into the object's bytes.
 *
 * <p>Signed ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}): each chunk is read whole into one buffer (at most
 * {@link #MAX_CHUNK_SIZE}) and its signature verified before any of its bytes is returned; with a signed trailer
 * the trailer signature is verified too. Unsigned ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}): chunk data streams
 * through. In both modes the framing is parsed strictly: capped lines and chunk sizes, the terminal chunk required,
 * nothing after the final CRLF, the decoded total equal to {@code x-amz-decoded-content-length}, and exactly the
 * announced trailers. {@link #read} returns -1 only once all of that has been checked; a failure is thrown as a
 * {@link PayloadException} and thrown again by every later read. Not thread-safe.
 */
public final class AwsChunkedDecoder extends InputStream {
  /** The largest chunk accepted (16 MiB); clients send 8 KiB .. 1 MiB. */
  public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
  /** The longest chunk-header or trailer line accepted, CRLF excluded. */
  public static final int MAX_LINE_LENGTH = 4096;

  private static final int MAX_SIZE_DIGITS = 16;
  private static final int SIGNATURE_LENGTH = 64;
  private static final byte[] CHUNK_SIGNATURE_PREFIX = ";chunk-signature=".getBytes(StandardCharsets.US_ASCII);
  private static final String TRAILER_SIGNATURE_NAME = "x-amz-trailer-signature";
  private static final byte[] NO_BYTES = new byte[0];

  /**
   * What signed chunks are checked with: the request's SigV4 signing key (kSigning), {@code x-amz-date}, the
   * credential scope ({@code yyyymmdd/region/service/aws4_request}), the request signature that seeds the chain, and
   * whether a signed trailer follows the final chunk ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}).
   */
  public record ChunkSigning(byte[] signingKey, String amzDate, String scope, String seedSignature,
      boolean signedTrailer) {
    public ChunkSigning {
      Objects.requireNonNull(signingKey, "signingKey");
      Objects.requireNonNull(amzDate, "amzDate");
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(seedSignature, "seedSignature");
      signingKey = signingKey.clone();
    }

    @Override
    public byte[] signingKey() {
      return signingKey.clone();
    }

    @Override
    public String toString() {
      return "ChunkSigning[amzDate=" + amzDate + ", scope=" + scope + ", signedTrailer=" + signedTrailer + "]";
    }
  }

  private final InputStream raw;
  private final long decodedContentLength;
  private final Set<String> expectedTrailers;
  private final ChunkSigning signing;
  private final byte[] signingKey;
  private final MessageDigest sha256;

  private final byte[] in = new byte[8192];
  private int inPos;
  private int inLimit;
  private final byte[] line = new byte[MAX_LINE_LENGTH + 1];

  private byte[] chunk = NO_BYTES;
  private int chunkPos;
  private int chunkLimit;
  private long unsignedRemaining;
  private boolean dataCrlfPending;

  private String previousSignature;
  private long decoded;
  private boolean finished;
  private Map<String, String> trailers;
  private PayloadException failure;

  /**
   * @param raw the aws-chunked bytes
   * @param decodedContentLength {@code x-amz-decoded-content-length}
   * @param expectedTrailerNames the names in {@code x-amz-trailer} (any case); empty for none
   * @param signing null for {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}, else how chunks are signed
   */
  public AwsChunkedDecoder(InputStream raw, long decodedContentLength, List<String> expectedTrailerNames,
      ChunkSigning signing) {
    this.raw = Objects.requireNonNull(raw, "raw");
    if (decodedContentLength < 0) {
      throw new IllegalArgumentException("decodedContentLength must be >= 0");
    }
    this.decodedContentLength = decodedContentLength;
    this.expectedTrailers = lowerCase(Objects.requireNonNull(expectedTrailerNames, "expectedTrailerNames"));
    if (signing != null && !signing.signedTrailer() && !expectedTrailers.isEmpty()) {
      throw new IllegalArgumentException("signed chunks without a signed trailer carry no trailers");
    }
    this.signing = signing;
    this.signingKey = signing == null ? null : signing.signingKey();
    this.sha256 = signing == null ? null : Digests.of("SHA-256");
    this.previousSignature = signing == null ? null : signing.seedSignature();
  }

  /** The trailers received (lower-case names, in arrival order), once {@link #read} has returned -1. */
  public Map<String, String> trailers() {
    if (!finished) {
      throw new IllegalStateException("trailers are known only after the end of the body");
    }
    return trailers;
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
    if (len == 0) {
      return 0;
    }
    try {
      return readDecoded(b, off, len);
    } catch (PayloadException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public int available() {
    if (signing != null) {
      return chunkLimit - chunkPos;
    }
    return (int) Math.min(unsignedRemaining, inLimit - inPos);
  }

  @Override
  public void close() throws IOException {
    raw.close();
  }

  private int readDecoded(byte[] b, int off, int len) throws IOException {
    while (!finished) {
      if (chunkPos < chunkLimit) {
        int n = Math.min(len, chunkLimit - chunkPos);
        System.arraycopy(chunk, chunkPos, b, off, n);
        chunkPos += n;
        return n;
      }
      if (unsignedRemaining > 0) {
        int n = readSome(b, off, (int) Math.min(len, unsignedRemaining));
        unsignedRemaining -= n;
        return n;
      }
      nextChunk();
    }
    return -1;
  }

  /** Reads the next chunk header; loads and verifies a signed chunk; on the final chunk reads the trailers. */
  private void nextChunk() throws IOException {
    if (dataCrlfPending) {
      expectCrlf();
      dataCrlfPending = false;
    }
    byte[] signature = signing == null ? null : new byte[SIGNATURE_LENGTH];
    int size = readChunkHeader(signature);
    if (size > decodedContentLength - decoded) {
      throw malformed("the aws-chunked body is longer than x-amz-decoded-content-length");
    }
    if (signing != null) {
      loadSignedChunk(size, signature);
    }
    if (size == 0) {
      finish();
      return;
    }
    decoded += size;
    if (signing == null) {
      unsignedRemaining = size;
    } else {
      chunkPos = 0;
      chunkLimit = size;
    }
    dataCrlfPending = signing == null;
  }

  private void loadSignedChunk(int size, byte[] signature) throws IOException {
    if (chunk.length < size) {
      chunk = new byte[size];
    }
    readFully(chunk, size);
    if (size > 0) {
      expectCrlf();
    }
    sha256.update(chunk, 0, size);
    String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + signing.amzDate() + "\n" + signing.scope() + "\n"
        + previousSignature + "\n" + Canonical.EMPTY_SHA256 + "\n" + Canonical.hex(sha256.digest());
    previousSignature = requireSignature(stringToSign, signature, "chunk");
  }

  private void finish() throws IOException {
    if (decoded < decodedContentLength) {
      throw new PayloadException(Code.INCOMPLETE_BODY,
          "the aws-chunked body is shorter than x-amz-decoded-content-length");
    }
    trailers = readTrailers();
    requireEndOfStream();
    finished = true;
  }

  /** Parses {@code hex(size)} (unsigned) or {@code hex(size);chunk-signature=<64 hex>} (signed). */
  private int readChunkHeader(byte[] signatureOut) throws IOException {
    int length = readLine();
    int sizeEnd = signatureOut == null ? length : indexOf((byte) ';', length);
    if (sizeEnd < 0) {
      throw malformed("a signed chunk header without chunk-signature");
    }
    int size = parseChunkSize(sizeEnd);
    if (signatureOut != null) {
      parseChunkSignature(sizeEnd, length, signatureOut);
    }
    return size;
  }

  private int parseChunkSize(int end) {
    if (end == 0 || end > MAX_SIZE_DIGITS) {
      throw malformed("bad chunk size");
    }
    long size = 0;
    for (int i = 0; i < end; i++) {
      int digit = Character.digit(line[i], 16);
      if (digit < 0) {
        throw malformed("bad chunk size");
      }
      size = size << 4 | digit;
      if (size > MAX_CHUNK_SIZE) {
        throw malformed("chunk larger than " + MAX_CHUNK_SIZE + " bytes");
      }
    }
    return (int) size;
  }

  private void parseChunkSignature(int start, int end, byte[] signatureOut) {
    int prefix = CHUNK_SIGNATURE_PREFIX.length;
    if (end - start != prefix + SIGNATURE_LENGTH
        || !Arrays.equals(line, start, start + prefix, CHUNK_SIGNATURE_PREFIX, 0, prefix)) {
      throw malformed("bad chunk-signature");
    }
    System.arraycopy(line, start + prefix, signatureOut, 0, SIGNATURE_LENGTH);
  }

  /** Reads {@code name:value} lines up to the empty line; checks the names and, when signed, the signature. */
  private Map<String, String> readTrailers() throws IOException {
    boolean signed = signing != null && signing.signedTrailer();
    Map<String, String> found = new LinkedHashMap<>();
    byte[] signature = null;
    for (int length = readLine(); length > 0; length = readLine()) {
      if (signature != null) {
        throw malformed("a trailer after x-amz-trailer-signature");
      }
      int colon = indexOf((byte) ':', length);
      if (colon <= 0) {
        throw malformed("a trailer line without a name");
      }
      String name = new String(line, 0, colon, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      if (signed && name.equals(TRAILER_SIGNATURE_NAME)) {
        signature = trailerSignature(colon, length);
      } else {
        addTrailer(found, name, colon, length);
        if (signed) {
          sha256.update(line, 0, length);
          sha256.update((byte) '\n');
        }
      }
    }
    if (found.size() != expectedTrailers.size()) {
      throw malformed("a trailer named in x-amz-trailer is missing");
    }
    if (signed) {
      verifyTrailerSignature(signature);
    }
    return Collections.unmodifiableMap(found);
  }

  private void addTrailer(Map<String, String> found, String name, int colon, int length) {
    if (!expectedTrailers.contains(name)) {
      throw malformed("a trailer not named in x-amz-trailer");
    }
    String value = new String(line, colon + 1, length - colon - 1, StandardCharsets.ISO_8859_1).trim();
    if (found.putIfAbsent(name, value) != null) {
      throw malformed("a repeated trailer");
    }
  }

  private byte[] trailerSignature(int colon, int length) {
    if (length - colon - 1 != SIGNATURE_LENGTH) {
      throw malformed("bad x-amz-trailer-signature");
    }
    return Arrays.copyOfRange(line, colon + 1, length);
  }

  private void verifyTrailerSignature(byte[] signature) {
    if (signature == null) {
      throw malformed("x-amz-trailer-signature is missing");
    }
    String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + signing.amzDate() + "\n" + signing.scope() + "\n"
        + previousSignature + "\n" + Canonical.hex(sha256.digest());
    requireSignature(stringToSign, signature, "trailer");
  }

  private String requireSignature(String stringToSign, byte[] provided, String what) {
    String expected = Canonical.hex(Canonical.hmac(signingKey, stringToSign));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), provided)) {
      throw new PayloadException(Code.SIGNATURE_DOES_NOT_MATCH, "the " + what + " signature does not match");
    }
    return expected;
  }

  // ---- raw input: one buffer, bulk copies ----

  /** Reads one line into {@link #line} and returns its length without the CRLF. */
  private int readLine() throws IOException {
    int length = 0;
    while (true) {
      requireBuffered();
      int end = inPos;
      while (end < inLimit && in[end] != '\n') {
        end++;
      }
      int segment = end - inPos;
      if (length + segment > line.length) {
        throw malformed("a line longer than " + MAX_LINE_LENGTH + " bytes");
      }
      System.arraycopy(in, inPos, line, length, segment);
      length += segment;
      if (end < inLimit) {
        inPos = end + 1;
        break;
      }
      inPos = end;
    }
    if (length == 0 || line[length - 1] != '\r') {
      throw malformed("a line not ended by CRLF");
    }
    return length - 1;
  }

  private void expectCrlf() throws IOException {
    if (readByte() != '\r' || readByte() != '\n') {
      throw malformed("chunk data not followed by CRLF");
    }
  }

  private byte readByte() throws IOException {
    requireBuffered();
    return in[inPos++];
  }

  private void readFully(byte[] dst, int len) throws IOException {
    int off = 0;
    while (off < len) {
      off += readSome(dst, off, len - off);
    }
  }

  /** Reads 1..len bytes: from the buffer if it holds any, else straight from the raw stream for large reads. */
  private int readSome(byte[] dst, int off, int len) throws IOException {
    if (inPos == inLimit && len >= in.length) {
      int n;
      do {
        n = raw.read(dst, off, len);
      } while (n == 0);
      if (n < 0) {
        throw incomplete();
      }
      return n;
    }
    requireBuffered();
    int n = Math.min(len, inLimit - inPos);
    System.arraycopy(in, inPos, dst, off, n);
    inPos += n;
    return n;
  }

  private void requireBuffered() throws IOException {
    if (!fill()) {
      throw incomplete();
    }
  }

  private boolean fill() throws IOException {
    while (inPos == inLimit) {
      int n = raw.read(in, 0, in.length);
      if (n < 0) {
        return false;
      }
      inPos = 0;
      inLimit = n;
    }
    return true;
  }

  private void requireEndOfStream() throws IOException {
    if (fill()) {
      throw malformed("bytes after the end of the aws-chunked body");
    }
  }

  private int indexOf(byte b, int length) {
    for (int i = 0; i < length; i++) {
      if (line[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static Set<String> lowerCase(List<String> names) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : names) {
      out.add(Objects.requireNonNull(name, "trailer name").trim().toLowerCase(Locale.ROOT));
    }
    return Collections.unmodifiableSet(out);
  }

  private static PayloadException malformed(String message) {
    return new PayloadException(Code.MALFORMED, message);
  }

  private static PayloadException incomplete() {
    return new PayloadException(Code.INCOMPLETE_BODY, "the body ended before the end of the aws-chunked encoding");
  }
}
