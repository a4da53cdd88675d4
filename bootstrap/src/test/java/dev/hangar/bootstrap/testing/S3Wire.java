package dev.hangar.bootstrap.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * S3 requests on the wire, byte for byte: signed by the AWS SDK's own SigV4 signer (so the wire shapes are the
 * SDK's, not ours), sent on a raw socket so that a test can tamper with any byte, cut the body short, send
 * {@code Expect: 100-continue}, or wrap the body in HTTP chunked framing.
 */
public final class S3Wire {
  /** How the payload travels, as the x-amz-content-sha256 value says. */
  public enum Payload {
    /** Raw bytes, hex SHA-256 in the header. */
    HEX,
    /** Raw bytes, UNSIGNED-PAYLOAD, with an x-amz-checksum-crc32 header. */
    UNSIGNED_WITH_CHECKSUM_HEADER,
    /** aws-chunked, signed chunks and a signed x-amz-checksum-crc32 trailer (the Java SDK over http). */
    SIGNED_CHUNKS_WITH_TRAILER,
    /** aws-chunked, unsigned chunks and an x-amz-checksum-crc32 trailer (the Java SDK over https). */
    UNSIGNED_CHUNKS_WITH_TRAILER
  }

  /** Keys to sign with; {@code token} is null for long-term keys. */
  public record Keys(String accessKeyId, String secret, String token) {
  }

  /** A request ready for the wire: request line parts, header lines in order, and body bytes. */
  public record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
    public Request withHeader(String name, String value) {
      List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
      copy.removeIf(h -> h.getKey().equalsIgnoreCase(name));
      copy.add(Map.entry(name, value));
      return new Request(method, target, copy, body);
    }

    public Request withoutHeader(String name) {
      List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
      copy.removeIf(h -> h.getKey().equalsIgnoreCase(name));
      return new Request(method, target, copy, body);
    }

    public Request withBody(byte[] newBody) {
      return new Request(method, target, headers, newBody);
    }

    public String header(String name) {
      return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The same request with its aws-chunked body inside HTTP chunked framing (no Content-Length), as botocore sends it. */
    public Request httpChunked(int chunkSize) {
      ByteArrayOutputStream framed = new ByteArrayOutputStream();
      for (int at = 0; at < body.length; at += chunkSize) {
        int n = Math.min(chunkSize, body.length - at);
        framed.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        framed.write(body, at, n);
        framed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      framed.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      return withoutHeader("Content-Length").withHeader("Transfer-Encoding", "chunked").withBody(framed.toByteArray());
    }
  }

  /** What came back: status, headers (lower-case names) and body. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String errorCode() {
      int start = body.indexOf("<Code>");
      return start < 0 ? null : body.substring(start + 6, body.indexOf("</Code>"));
    }
  }

  private S3Wire() {
  }

  /** Signs {@code method pathAndQuery} with {@code body} as the SDK would, at {@code clock}'s time. */
  public static Request sign(URI endpoint, String method, String pathAndQuery, Map<String, String> headers, byte[] body, Keys keys,
      Clock clock, Payload payload) {
    return sign(endpoint, method, pathAndQuery, headers, body, keys, clock, payload, true);
  }

  /**
   * As {@link #sign}, but without signing Content-Length, then framed in HTTP chunked encoding: the shape
   * botocore sends over https (it signs no Content-Length and lets the HTTP layer chunk the aws-chunked body).
   */
  public static Request signHttpChunked(URI endpoint, String pathAndQuery, byte[] body, Keys keys, int chunkSize) {
    // botocore's https shape, signed by botocore itself: STREAMING-UNSIGNED-PAYLOAD-TRAILER, no Content-Length
    // signed, one unsigned aws-chunked chunk and a CRC32 trailer, framed again in HTTP chunked encoding.
    ByteArrayOutputStream awsChunked = new ByteArrayOutputStream();
    awsChunked.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    awsChunked.writeBytes(body);
    awsChunked.writeBytes(("\r\n0\r\nx-amz-checksum-crc32:" + crc32Base64(body) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Encoding", "aws-chunked");
    headers.put("X-Amz-Trailer", "x-amz-checksum-crc32");
    headers.put("X-Amz-Decoded-Content-Length", Integer.toString(body.length));
    headers.put("x-amz-sdk-checksum-algorithm", "CRC32");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("url", endpoint.resolve(pathAndQuery).toString());
    spec.put("method", "PUT");
    spec.put("headers", headers);
    spec.put("accessKeyId", keys.accessKeyId());
    spec.put("secretAccessKey", keys.secret());
    spec.put("sessionToken", keys.token());
    spec.put("trailerChecksum", "crc32");
    try {
      com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
      ExternalTools.Result result = ExternalTools.run(List.of("python3", ExternalTools.PYTHON_DIR.resolve("botocore_sign.py").toString()),
          json.writeValueAsString(spec), Map.of(), 60);
      if (result.exitCode() != 0) {
        throw new IllegalStateException("botocore could not sign: " + result.stderr());
      }
      Map<String, String> signedHeaders = json.readValue(result.stdout(),
          new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
      List<Map.Entry<String, String>> lines = new ArrayList<>();
      lines.add(Map.entry("Host", endpoint.getHost() + ":" + endpoint.getPort()));
      signedHeaders.forEach((name, value) -> lines.add(Map.entry(name, value)));
      return new Request("PUT", pathAndQuery, lines, awsChunked.toByteArray()).httpChunked(chunkSize);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Request sign(URI endpoint, String method, String pathAndQuery, Map<String, String> headers, byte[] body, Keys keys,
      Clock clock, Payload payload, boolean signContentLength) {
    // Over http the SDK's signer signs every payload whatever it is told; the unsigned shapes are what it
    // produces for https. The Host header, and so the signature, is the same for both schemes.
    boolean unsigned = payload == Payload.UNSIGNED_WITH_CHECKSUM_HEADER || payload == Payload.UNSIGNED_CHUNKS_WITH_TRAILER;
    URI signingUri = unsigned ? URI.create("https://" + endpoint.getHost() + ":" + endpoint.getPort()) : endpoint;
    SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
        .uri(signingUri.resolve(pathAndQuery));
    headers.forEach(builder::putHeader);
    switch (payload) {
      case HEX -> builder.putHeader("x-amz-content-sha256", sha256Hex(body));
      case UNSIGNED_WITH_CHECKSUM_HEADER -> builder.putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
          .putHeader("x-amz-checksum-crc32", crc32Base64(body)).putHeader("x-amz-sdk-checksum-algorithm", "CRC32");
      default -> {
        // aws-chunked: the signer adds its own headers.
      }
    }
    if (signContentLength) {
      builder.putHeader("Content-Length", Integer.toString(body.length));
    }
    AwsCredentialsIdentity identity = keys.token() == null ? AwsCredentialsIdentity.create(keys.accessKeyId(), keys.secret())
        : AwsSessionCredentialsIdentity.create(keys.accessKeyId(), keys.secret(), keys.token());
    boolean chunked = payload == Payload.SIGNED_CHUNKS_WITH_TRAILER || payload == Payload.UNSIGNED_CHUNKS_WITH_TRAILER;
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
      r.identity(identity).request(builder.build()).payload(ContentStreamProvider.fromByteArray(body))
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
          .putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2")
          .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
          .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
          .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payload == Payload.HEX || payload == Payload.SIGNED_CHUNKS_WITH_TRAILER)
          .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, chunked)
          .putProperty(HttpSigner.SIGNING_CLOCK, clock);
      if (chunked) {
        r.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
      }
    });
    byte[] wireBody;
    try (InputStream in = signed.payload().orElseThrow().newStream()) {
      wireBody = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Map.Entry<String, String>> lines = new ArrayList<>();
    signed.request().headers().forEach((name, values) -> values.forEach(value -> lines.add(Map.entry(name, value))));
    if (lines.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Host"))) {
      lines.add(0, Map.entry("Host", endpoint.getHost() + ":" + endpoint.getPort()));
    }
    lines.removeIf(h -> h.getKey().equalsIgnoreCase("Content-Length"));
    lines.add(Map.entry("Content-Length", Integer.toString(wireBody.length)));
    String target = signed.request().encodedPath() + signed.request().encodedQueryParameters().map(q -> "?" + q).orElse("");
    return new Request(method, target, lines, wireBody);
  }

  /** Sends the whole request, then reads the whole response (the connection is closed after it). */
  public static Response send(URI endpoint, Request request) {
    return exchange(endpoint, request, request.body().length, false);
  }

  /**
   * Sends the head and only {@code bodyBytes} of the body; with {@code abort}, then resets the connection
   * (a killed client) and returns null; otherwise reads the response.
   */
  public static Response exchange(URI endpoint, Request request, int bodyBytes, boolean abort) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head(request).getBytes(StandardCharsets.ISO_8859_1));
      out.write(request.body(), 0, bodyBytes);
      out.flush();
      if (abort) {
        socket.setSoLinger(true, 0);
        return null;
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends the head alone (with Expect: 100-continue) and reads the first response: an interim 100 or a final answer. */
  public static Response headOnly(URI endpoint, Request request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(head(request.withHeader("Expect", "100-continue")).getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String head(Request request) {
    return head(request, true);
  }

  /** The request line and header lines; with {@code close}, a {@code Connection: close} line at the end. */
  static String head(Request request, boolean close) {
    StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
    for (Map.Entry<String, String> header : request.headers()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    return head.append(close ? "Connection: close\r\n\r\n" : "\r\n").toString();
  }

  public static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the server closed the connection before answering");
      }
      headBytes.write(b);
      last4 = (last4 << 8) | b;
    }
    String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    if (status == 100) {
      return new Response(status, headers, "");
    }
    String length = headers.get("content-length");
    byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  public static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String crc32Base64(byte[] data) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    long value = crc.getValue();
    return java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value});
  }
}
