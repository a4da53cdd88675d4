package dev.hangar.adapter.http.s3;

import dev.hangar.adapter.http.s3.ClientStream.ClientGoneException;
import dev.hangar.adapter.http.s3.payload.AwsChunkedDecoder;
import dev.hangar.adapter.http.s3.payload.ChecksumAlgorithm;
import dev.hangar.adapter.http.s3.payload.VerifyingInputStream;
import dev.hangar.adapter.http.sigv4.Verified;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request's payload, decoded: the object's bytes as they arrive, verified as the payload mode
 * ({@code x-amz-content-sha256}) demands (a hex SHA-256, aws-chunked with chunk and trailer signatures, an
 * unsigned payload with a checksum), with any {@code x-amz-checksum-*} header or trailer, and their declared
 * length. Verification happens while the stream is read; a mismatch surfaces as a payload failure.
 */
record S3Body(InputStream stream, long declaredLength, ChecksumAlgorithm algorithm, VerifyingInputStream verifying) {
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  static S3Body decode(HttpServerExchange exchange, Verified<S3Identity> verified) {
    String mode = Optional.ofNullable(exchange.getRequestHeaders().getFirst(S3Authentication.CONTENT_SHA256)).orElse("UNSIGNED-PAYLOAD");
    ClientStream raw = new ClientStream(exchange.getInputStream());
    Optional<Map.Entry<ChecksumAlgorithm, String>> headerChecksum = headerChecksum(exchange);
    ChecksumAlgorithm headerAlgorithm = headerChecksum.map(Map.Entry::getKey).orElse(null);
    String headerValue = headerChecksum.map(Map.Entry::getValue).orElse(null);
    if (headerValue != null) {
      VerifyingInputStream.requireValidChecksumValue(headerAlgorithm, headerValue);
    }
    switch (mode) {
      case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "STREAMING-UNSIGNED-PAYLOAD-TRAILER" -> {
        return awsChunked(exchange, verified, mode, raw, headerAlgorithm, headerValue);
      }
      case "UNSIGNED-PAYLOAD" -> {
        long length = contentLength(exchange);
        if (headerAlgorithm == null) {
          throw new S3Failure(S3Error.INVALID_REQUEST, "UNSIGNED-PAYLOAD is accepted only with an x-amz-checksum-* header, which is verified");
        }
        VerifyingInputStream verifying = VerifyingInputStream.withKnownChecksum(raw, length, null, headerAlgorithm, headerValue);
        return new S3Body(verifying, length, headerAlgorithm, verifying);
      }
      default -> {
        if (!HEX_SHA256.matcher(mode).matches()) {
          throw new S3Failure(mode.startsWith("STREAMING-") ? S3Error.NOT_IMPLEMENTED : S3Error.INVALID_ARGUMENT,
              "Unsupported x-amz-content-sha256 value; use a hex SHA-256, UNSIGNED-PAYLOAD or an HMAC-SHA256 aws-chunked mode");
        }
        long length = contentLength(exchange);
        VerifyingInputStream verifying = headerValue != null
            ? VerifyingInputStream.withKnownChecksum(raw, length, mode, headerAlgorithm, headerValue)
            : new VerifyingInputStream(raw, length, mode, null, null);
        return new S3Body(verifying, length, headerAlgorithm, verifying);
      }
    }
  }

  private static S3Body awsChunked(HttpServerExchange exchange, Verified<S3Identity> verified, String mode, ClientStream raw,
      ChecksumAlgorithm headerAlgorithm, String headerValue) {
    String decodedHeader = exchange.getRequestHeaders().getFirst("x-amz-decoded-content-length");
    if (decodedHeader == null) {
      throw new S3Failure(S3Error.MISSING_CONTENT_LENGTH, "aws-chunked uploads must carry x-amz-decoded-content-length");
    }
    long decoded = nonNegative(decodedHeader, "x-amz-decoded-content-length");
    boolean trailer = mode.endsWith("-TRAILER");
    List<String> trailerNames = trailer ? trailerNames(exchange) : List.of();
    if (trailer && trailerNames.isEmpty()) {
      throw new S3Failure(S3Error.INVALID_REQUEST, "A trailer payload needs the x-amz-trailer header");
    }
    boolean signed = !mode.startsWith("STREAMING-UNSIGNED");
    AwsChunkedDecoder decoder = new AwsChunkedDecoder(raw, decoded, trailerNames, signed
        ? new AwsChunkedDecoder.ChunkSigning(verified.signingKey(), verified.amzDate(), verified.scope(), verified.seedSignature(), trailer)
        : null);
    Optional<String> trailerChecksum = trailerNames.stream().filter(n -> ChecksumAlgorithm.fromHeaderName(n).isPresent()).findFirst();
    ChecksumAlgorithm algorithm = trailerChecksum.flatMap(ChecksumAlgorithm::fromHeaderName).orElse(headerAlgorithm);
    if (!signed && algorithm == null) {
      throw new S3Failure(S3Error.INVALID_REQUEST, "An unsigned payload is accepted only with a checksum header or trailer");
    }
    VerifyingInputStream verifying = trailerChecksum.isPresent()
        ? new VerifyingInputStream(decoder, decoded, null, algorithm, () -> decoder.trailers().get(trailerChecksum.get().toLowerCase(Locale.ROOT)))
        : headerValue != null
            ? VerifyingInputStream.withKnownChecksum(decoder, decoded, null, algorithm, headerValue)
            : new VerifyingInputStream(decoder, decoded, null, null, null);
    return new S3Body(verifying, decoded, algorithm, verifying);
  }

  /** The whole payload, for a small XML document; a larger one is malformed. */
  byte[] readAll(int maxBytes, String document) {
    if (declaredLength > maxBytes) {
      throw new S3Failure(S3Error.MALFORMED_XML, "The " + document + " document is larger than " + maxBytes + " bytes");
    }
    try {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new ClientGoneException(e);
    }
  }

  /**
   * Answers a stored payload: its ETag, and the checksum the client asked for, as S3 does (the payload has
   * been read and verified by then).
   */
  void replyStored(HttpServerExchange exchange, String etag) {
    exchange.getResponseHeaders().put(Headers.ETAG, etag);
    if (algorithm != null) {
      verifying.checksumBase64().ifPresent(value -> exchange.getResponseHeaders().put(new HttpString(algorithm.headerName()), value));
    }
    exchange.endExchange();
  }

  private static Optional<Map.Entry<ChecksumAlgorithm, String>> headerChecksum(HttpServerExchange exchange) {
    Map.Entry<ChecksumAlgorithm, String> found = null;
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      String value = exchange.getRequestHeaders().getFirst(algorithm.headerName());
      if (value != null) {
        if (found != null) {
          throw new S3Failure(S3Error.INVALID_REQUEST, "Expecting a single x-amz-checksum- header");
        }
        found = Map.entry(algorithm, value);
      }
    }
    return Optional.ofNullable(found);
  }

  private static List<String> trailerNames(HttpServerExchange exchange) {
    List<String> names = new ArrayList<>();
    for (String header : exchange.getRequestHeaders().get("x-amz-trailer") == null ? List.<String>of()
        : exchange.getRequestHeaders().get("x-amz-trailer")) {
      for (String name : header.split(",")) {
        if (!name.isBlank()) {
          names.add(name.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  private static long contentLength(HttpServerExchange exchange) {
    long length = exchange.getRequestContentLength();
    if (length < 0) {
      throw new S3Failure(S3Error.MISSING_CONTENT_LENGTH);
    }
    return length;
  }

  private static long nonNegative(String value, String name) {
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new S3Failure(S3Error.INVALID_ARGUMENT, name + " must be a non-negative integer");
  }
}
