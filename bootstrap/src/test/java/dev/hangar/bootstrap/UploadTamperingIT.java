package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.S3Wire;
import dev.hangar.bootstrap.testing.S3Wire.Payload;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.TestHangar;
import dev.hangar.bootstrap.testing.Uploads;
import dev.hangar.bootstrap.testing.WireSocket;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StorageLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Each recorded wire shape, tampered with on the wire: a bad checksum, a bad chunk signature (or, where a shape
 * has none, a changed body byte) and a truncated final chunk. Each tampered request is refused with S3's exact
 * code and status (or, for a body cut short, refused or dropped), nothing is kept of it (no object, no temporary
 * file, the build still INITIALIZED), and the same request untampered, sent afterwards, is stored and makes the
 * build READY.
 */
class UploadTamperingIT {
  /** HTTP chunk size for the botocore shape: small, so that the aws-chunked body spans many HTTP chunks. */
  private static final int HTTP_CHUNK = 100;
  private static final String CRC_TRAILER = "x-amz-checksum-crc32:";
  private static final String CHUNK_SIGNATURE = ";chunk-signature=";
  private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature:";

  private static Path dataDir;
  private static TestHangar hangar;
  private static GameLiftClient gameLift;
  private static S3Client apiS3;

  /** The wire shapes real clients send (see {@link UploadWireShapesIT}). */
  enum Shape {
    HEX, UNSIGNED_WITH_CHECKSUM_HEADER, SIGNED_CHUNKS_WITH_TRAILER, UNSIGNED_CHUNKS_WITH_TRAILER, HTTP_CHUNKED_UNSIGNED_TRAILER;

    Payload payload() {
      return Payload.valueOf(name());
    }

    /** The x-amz-content-sha256 value (a regular expression) that the shape sends. */
    String contentSha256() {
      return switch (this) {
        case HEX -> "[0-9a-f]{64}";
        case UNSIGNED_WITH_CHECKSUM_HEADER -> "UNSIGNED-PAYLOAD";
        case SIGNED_CHUNKS_WITH_TRAILER -> "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
        case UNSIGNED_CHUNKS_WITH_TRAILER, HTTP_CHUNKED_UNSIGNED_TRAILER -> "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
      };
    }
  }

  /** What goes on the wire: the request, how many of its body bytes, and whether the client then half-closes. */
  record Sent(S3Wire.Request request, int bodyBytes, boolean halfClose) {
    static Sent whole(S3Wire.Request request) {
      return new Sent(request, request.body().length, false);
    }
  }

  /** The honest upload that a case tampers with. */
  record Honest(Shape shape, Uploads upload, byte[] zip, S3Wire.Request request) {
  }

  /**
   * One tampering: what it does to the honest request, and the answer: exactly {@code status}/{@code code}, or
   * (with {@code mayDrop}, for a body cut short with the connection half-closed) that, or a close without answer.
   */
  record Case(String name, Shape shape, Function<Honest, Sent> tamper, int status, String code, boolean mayDrop) {
    @Override
    public String toString() {
      return shape + ": " + name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        // Plain hex payload: the body is signed whole; a changed byte is the bad checksum (there is no chunk to sign).
        new Case("a body byte changed", Shape.HEX, h -> Sent.whole(h.request().withBody(flipByte(h.request().body(), 10))),
            400, "XAmzContentSHA256Mismatch", false),
        new Case("the last bytes cut off, then half-closed", Shape.HEX, h -> cutPlain(h.request()), 400, "IncompleteBody", true),

        // UNSIGNED-PAYLOAD with x-amz-checksum-crc32: the header is verified against the bytes.
        new Case("a wrong but valid (and signed) x-amz-checksum-crc32 header", Shape.UNSIGNED_WITH_CHECKSUM_HEADER,
            h -> Sent.whole(signedOver(h, flipByte(h.zip(), 10)).withBody(h.request().body())), 400, "BadDigest", false),
        new Case("a body byte changed", Shape.UNSIGNED_WITH_CHECKSUM_HEADER,
            h -> Sent.whole(h.request().withBody(flipByte(h.request().body(), 10))), 400, "BadDigest", false),
        new Case("the last bytes cut off, then half-closed", Shape.UNSIGNED_WITH_CHECKSUM_HEADER, h -> cutPlain(h.request()),
            400, "IncompleteBody", true),

        // Signed chunks and a signed trailer.
        new Case("the trailer's crc32 changed (breaks the trailer signature)", Shape.SIGNED_CHUNKS_WITH_TRAILER,
            h -> Sent.whole(h.request().withBody(replaceTrailerChecksum(h.request().body(), otherCrc32(h.zip())))),
            403, "SignatureDoesNotMatch", false),
        new Case("the trailer's crc32 changed and the trailer signed again", Shape.SIGNED_CHUNKS_WITH_TRAILER,
            h -> Sent.whole(h.request().withBody(resignTrailer(h, replaceTrailerChecksum(h.request().body(), otherCrc32(h.zip()))))),
            400, "BadDigest", false),
        new Case("one hex digit of the first chunk-signature flipped", Shape.SIGNED_CHUNKS_WITH_TRAILER,
            h -> Sent.whole(h.request().withBody(flipFirstChunkSignature(h.request().body()))), 403, "SignatureDoesNotMatch", false),
        new Case("a chunk data byte changed", Shape.SIGNED_CHUNKS_WITH_TRAILER,
            h -> Sent.whole(h.request().withBody(flipByte(h.request().body(), firstChunkData(h.request().body()) + 10))),
            403, "SignatureDoesNotMatch", false),
        new Case("cut inside the final chunk and trailer, then half-closed", Shape.SIGNED_CHUNKS_WITH_TRAILER,
            h -> cutFinalChunk(h.request()), 400, "IncompleteBody", true),

        // Unsigned chunks and an unsigned trailer (no chunk signature: a changed data byte stands in for it).
        new Case("the trailer's crc32 changed", Shape.UNSIGNED_CHUNKS_WITH_TRAILER,
            h -> Sent.whole(h.request().withBody(replaceTrailerChecksum(h.request().body(), otherCrc32(h.zip())))), 400, "BadDigest", false),
        new Case("a chunk data byte changed", Shape.UNSIGNED_CHUNKS_WITH_TRAILER,
            h -> Sent.whole(h.request().withBody(flipByte(h.request().body(), firstChunkData(h.request().body()) + 10))),
            400, "BadDigest", false),
        new Case("cut inside the final chunk and trailer, then half-closed", Shape.UNSIGNED_CHUNKS_WITH_TRAILER,
            h -> cutFinalChunk(h.request()), 400, "IncompleteBody", true),

        // botocore's shape: aws-chunked (unsigned, crc32 trailer) inside HTTP chunked framing; the framing stays valid.
        new Case("the trailer's crc32 changed", Shape.HTTP_CHUNKED_UNSIGNED_TRAILER,
            h -> Sent.whole(reframed(h.request(), b -> replaceTrailerChecksum(b, otherCrc32(h.zip())))), 400, "BadDigest", false),
        new Case("a chunk data byte changed", Shape.HTTP_CHUNKED_UNSIGNED_TRAILER,
            h -> Sent.whole(reframed(h.request(), b -> flipByte(b, firstChunkData(b) + 10))), 400, "BadDigest", false),
        new Case("aws-chunked cut inside the final chunk and trailer, HTTP framing ended properly", Shape.HTTP_CHUNKED_UNSIGNED_TRAILER,
            h -> Sent.whole(reframed(h.request(), b -> Arrays.copyOf(b, finalChunkCut(b)))), 400, "IncompleteBody", false),
        new Case("cut inside the final chunk and trailer, HTTP framing unterminated, then half-closed",
            Shape.HTTP_CHUNKED_UNSIGNED_TRAILER, h -> {
              S3Wire.Request cut = reframed(h.request(), b -> Arrays.copyOf(b, finalChunkCut(b)));
              byte[] framed = cut.body();
              // Drop the HTTP terminal chunk "0\r\n\r\n": the stream just stops, as a killed client's does.
              return new Sent(cut, framed.length - 5, true);
            }, 400, "IncompleteBody", true));
  }

  @BeforeAll
  static void start() throws IOException {
    dataDir = Files.createTempDirectory("hangar-tampering-");
    hangar = TestHangar.start(TestConfigs.localNode(dataDir), Clock.systemUTC());
    gameLift = Clients.gameLift(hangar.endpoint());
    apiS3 = Uploads.apiS3(hangar.endpoint());
  }

  @AfterAll
  static void stop() {
    apiS3.close();
    gameLift.close();
    hangar.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void tampered_refusedNothingKept_thenUntamperedStoredAndReady(Case tampering) {
    if (tampering.shape() == Shape.HTTP_CHUNKED_UNSIGNED_TRAILER) {
      ExternalTools.requirePythonClients();
    }
    Uploads upload = Uploads.newBuild(gameLift, "tamper-" + tampering.shape());
    byte[] zip = TestZips.gameServer();
    Honest honest = new Honest(tampering.shape(), upload, zip, sign(tampering.shape(), upload, zip));
    assertThat(honest.request().header("x-amz-content-sha256")).as("the wire shape").matches(tampering.shape().contentSha256());
    Sent sent = tampering.tamper().apply(honest);
    assertThat(Arrays.equals(sent.request().body(), honest.request().body()) && sent.request().headers().equals(honest.request().headers())
        && sent.bodyBytes() == honest.request().body().length).as("the tampering changed something").isFalse();

    Optional<S3Wire.Response> answer = send(sent);

    if (answer.isPresent() || !tampering.mayDrop()) {
      assertThat(answer).as("an answer to the tampered request").isPresent();
      S3Wire.Response response = answer.get();
      assertThat(response.status()).as(response + "\n(nothing kept: " + nothingKept(upload) + ")").isEqualTo(tampering.status());
      assertThat(response.errorCode()).as(response.body()).isEqualTo(tampering.code());
    }
    assertNothingKept(upload);

    S3Wire.Response untampered = S3Wire.send(hangar.endpoint(), honest.request());
    assertThat(untampered.status()).as(untampered.body()).isEqualTo(200);
    assertThat(untampered.headers().get("etag")).isEqualTo("\"" + UploadWireShapesIT.md5Hex(zip) + "\"");
    var build = gameLift.describeBuild(b -> b.buildId(upload.buildId())).build();
    assertThat(build.statusAsString()).isEqualTo("READY");
    assertThat(build.sizeOnDisk()).isEqualTo(zip.length);
    assertThat(hangar.storage().find(location(upload))).hasValueSatisfying(o -> assertThat(o.size()).isEqualTo(zip.length));
    assertThat(apiS3.headObject(b -> b.bucket(upload.location().bucket()).key(upload.location().key())).contentLength())
        .isEqualTo(zip.length);
  }

  private static S3Wire.Request sign(Shape shape, Uploads upload, byte[] zip) {
    if (shape == Shape.HTTP_CHUNKED_UNSIGNED_TRAILER) {
      return S3Wire.signHttpChunked(hangar.endpoint(), upload.path(), zip, upload.keys(), HTTP_CHUNK);
    }
    return S3Wire.sign(signingEndpoint(), "PUT", upload.path(), Map.of(), zip, upload.keys(), Clock.systemUTC(), shape.payload());
  }

  /**
   * The node's address as an https URI, for signing only (the request still goes to the node over plain http, with
   * the same Host header): the SDK's signer honours "payload signing off" only for https, and would otherwise turn
   * UNSIGNED-PAYLOAD into a hex hash and STREAMING-UNSIGNED-PAYLOAD-TRAILER into signed chunks.
   */
  private static URI signingEndpoint() {
    return URI.create("https://" + hangar.endpoint().getHost() + ":" + hangar.endpoint().getPort());
  }

  /** The request for this upload signed over {@code otherBody} (same length): its checksum header is that body's. */
  private static S3Wire.Request signedOver(Honest honest, byte[] otherBody) {
    assertThat(otherBody).hasSameSizeAs(honest.zip());
    return sign(honest.shape(), honest.upload(), otherBody);
  }

  /** Sends the head and {@code bodyBytes} of the body, half-closes if asked, and reads the answer (empty: closed without one). */
  private static Optional<S3Wire.Response> send(Sent sent) {
    try (WireSocket wire = WireSocket.open(hangar.endpoint(), 30_000)) {
      wire.sendHead(sent.request()).sendBody(sent.request().body(), 0, sent.bodyBytes());
      if (sent.halfClose()) {
        wire.halfClose();
      }
      return wire.readResponse();
    }
  }

  /** For a failure message: whether nothing was kept of a refused request. */
  private static boolean nothingKept(Uploads upload) {
    try {
      assertNothingKept(upload);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  /** No object (HeadObject 404 NoSuchKey, nothing in storage), no temporary file, and the build still INITIALIZED. */
  private static void assertNothingKept(Uploads upload) {
    assertThat(hangar.storage().find(location(upload))).as("the stored object").isEmpty();
    assertThatThrownBy(() -> apiS3.headObject(b -> b.bucket(upload.location().bucket()).key(upload.location().key())))
        .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThat(gameLift.describeBuild(b -> b.buildId(upload.buildId())).build().statusAsString()).isEqualTo("INITIALIZED");
    awaitEmpty(dataDir.resolve("storage").resolve("tmp"));
    assertThat(list(dataDir.resolve("storage").resolve("uploads"))).isEmpty();
  }

  // ------------------------------------------------------------------------------------------- tampering

  private static byte[] flipByte(byte[] body, int index) {
    byte[] copy = body.clone();
    copy[index] ^= 0x01;
    return copy;
  }

  /** The first byte of the first chunk's data: after the first chunk header's CRLF. */
  private static int firstChunkData(byte[] awsChunked) {
    return text(awsChunked).indexOf("\r\n") + 2;
  }

  /** A CRC32 (base64, as a trailer carries it) of other bytes: valid, and wrong for the object. */
  private static String otherCrc32(byte[] zip) {
    String other = S3Wire.crc32Base64("not the object".getBytes(StandardCharsets.US_ASCII));
    assertThat(other).isNotEqualTo(S3Wire.crc32Base64(zip)).hasSameSizeAs(S3Wire.crc32Base64(zip));
    return other;
  }

  /** The aws-chunked body with the value of its x-amz-checksum-crc32 trailer replaced (same length). */
  private static byte[] replaceTrailerChecksum(byte[] awsChunked, String newValue) {
    String body = text(awsChunked);
    int name = body.lastIndexOf(CRC_TRAILER);
    assertThat(name).as("a crc32 trailer in the body").isPositive();
    int start = name + CRC_TRAILER.length();
    int end = body.indexOf("\r\n", start);
    assertThat(end - start).as("the trailer's value length").isEqualTo(newValue.length());
    return (body.substring(0, start) + newValue + body.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] flipFirstChunkSignature(byte[] awsChunked) {
    String body = text(awsChunked);
    int at = body.indexOf(CHUNK_SIGNATURE);
    assertThat(at).as("a chunk-signature in the body").isPositive();
    int digit = at + CHUNK_SIGNATURE.length();
    char flipped = body.charAt(digit) == '0' ? '1' : '0';
    return (body.substring(0, digit) + flipped + body.substring(digit + 1)).getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The trailer of a signed aws-chunked body signed again for its (changed) trailer lines, as a client holding the
   * keys would: {@code AWS4-HMAC-SHA256-TRAILER}, date, scope, the final chunk's signature, SHA-256 of "name:value\n".
   */
  private static byte[] resignTrailer(Honest honest, byte[] awsChunked) {
    String body = text(awsChunked);
    String amzDate = honest.request().header("x-amz-date");
    String scope = amzDate.substring(0, 8) + "/us-west-2/s3/aws4_request";
    int finalChunk = body.lastIndexOf("\r\n0" + CHUNK_SIGNATURE);
    assertThat(finalChunk).as("the final chunk").isPositive();
    int sigStart = finalChunk + 3 + CHUNK_SIGNATURE.length();
    String lastChunkSignature = body.substring(sigStart, sigStart + 64);
    int trailerStart = body.indexOf("\r\n", sigStart) + 2;
    int signatureLine = body.indexOf(TRAILER_SIGNATURE, trailerStart);
    assertThat(signatureLine).as("a trailer signature").isPositive();
    StringBuilder trailers = new StringBuilder();
    for (String line : body.substring(trailerStart, signatureLine).split("\r\n")) {
      if (!line.isEmpty()) {
        trailers.append(line).append('\n');
      }
    }
    byte[] key = hmac(("AWS4" + honest.upload().keys().secret()).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
    for (String part : List.of("us-west-2", "s3", "aws4_request")) {
      key = hmac(key, part);
    }
    String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + lastChunkSignature + "\n"
        + S3Wire.sha256Hex(trailers.toString().getBytes(StandardCharsets.ISO_8859_1));
    String signature = HexFormat.of().formatHex(hmac(key, stringToSign));
    int valueStart = signatureLine + TRAILER_SIGNATURE.length();
    int valueEnd = body.indexOf("\r\n", valueStart);
    assertThat(valueEnd - valueStart).isEqualTo(64);
    return (body.substring(0, valueStart) + signature + body.substring(valueEnd)).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Where to cut an aws-chunked body: halfway between the start of its final (0-size) chunk and its end. */
  private static int finalChunkCut(byte[] awsChunked) {
    String body = text(awsChunked);
    int finalChunk = Math.max(body.lastIndexOf("\r\n0\r\n"), body.lastIndexOf("\r\n0" + CHUNK_SIGNATURE)) + 2;
    assertThat(finalChunk).as("the final chunk").isGreaterThan(2);
    int cut = (finalChunk + awsChunked.length) / 2;
    assertThat(cut).isBetween(finalChunk + 1, awsChunked.length - 1);
    return cut;
  }

  /** An aws-chunked body sent up to inside its final chunk or trailer (Content-Length still the whole), then half-closed. */
  private static Sent cutFinalChunk(S3Wire.Request request) {
    return new Sent(request, finalChunkCut(request.body()), true);
  }

  /** A plain body sent but for its last 7 bytes (Content-Length still the whole), then half-closed. */
  private static Sent cutPlain(S3Wire.Request request) {
    return new Sent(request, request.body().length - 7, true);
  }

  /** The HTTP-chunked request with its aws-chunked content changed and framed again in valid HTTP chunks. */
  private static S3Wire.Request reframed(S3Wire.Request httpChunked, Function<byte[], byte[]> change) {
    return httpChunked.withBody(change.apply(unframe(httpChunked.body()))).httpChunked(HTTP_CHUNK);
  }

  /** The content of an HTTP chunked body (no chunk extensions or trailers, as {@link S3Wire.Request#httpChunked} frames it). */
  private static byte[] unframe(byte[] framed) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    int at = 0;
    for (int chunks = 0; chunks <= framed.length; chunks++) {
      int lineEnd = indexOfCrlf(framed, at);
      int size = Integer.parseInt(new String(framed, at, lineEnd - at, StandardCharsets.US_ASCII), 16);
      at = lineEnd + 2;
      if (size == 0) {
        assertThat(framed.length).as("nothing after the terminal chunk").isEqualTo(at + 2);
        return content.toByteArray();
      }
      content.write(framed, at, size);
      at += size + 2;
    }
    throw new AssertionError("no terminal HTTP chunk");
  }

  private static int indexOfCrlf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    throw new AssertionError("no CRLF after " + from);
  }

  // ------------------------------------------------------------------------------------------- helpers

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static StorageLocation location(Uploads upload) {
    return StorageLocation.serviceOwned(new BucketName(upload.location().bucket()), new ObjectKey(upload.location().key()));
  }

  /** Waits (at most 5 s) until {@code dir} is empty: a refused write's temporary file is removed as the refusal is made. */
  static void awaitEmpty(Path dir) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!list(dir).isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    assertThat(list(dir)).as("files left in " + dir).isEmpty();
  }

  static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
