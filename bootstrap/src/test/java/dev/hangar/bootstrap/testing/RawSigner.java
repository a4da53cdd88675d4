package dev.hangar.bootstrap.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** GameLift calls signed by the AWS SDK's own SigV4 signer, with any clock, region or service, sent raw. */
public final class RawSigner {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A POST ready to send: its path, the headers the signer produced (Host among them) and the body it signed. */
  public record Signed(String path, Map<String, List<String>> headers, byte[] body) {
    /** The same request as raw wire lines, with Host and Content-Length, for {@link WireSocket#send}. */
    public S3Wire.Request toWire(URI endpoint) {
      List<Map.Entry<String, String>> lines = new ArrayList<>();
      if (headers.keySet().stream().noneMatch("Host"::equalsIgnoreCase)) {
        lines.add(Map.entry("Host", endpoint.getHost() + ":" + endpoint.getPort()));
      }
      headers.forEach((name, values) -> {
        if (!name.equalsIgnoreCase("content-length")) {
          values.forEach(value -> lines.add(Map.entry(name, value)));
        }
      });
      lines.add(Map.entry("Content-Length", Integer.toString(body.length)));
      return new S3Wire.Request("POST", path, lines, body);
    }
  }

  private RawSigner() {
  }

  public static HttpResponse<String> call(URI endpoint, String operation, String body, String accessKeyId, String secret,
      Clock clock, String region, String service) {
    return send(endpoint, json(endpoint, operation, body, new S3Wire.Keys(accessKeyId, secret, null), clock, region, service).headers(), body);
  }

  /** An AWS JSON 1.1 call ({@code POST /}, {@code X-Amz-Target: GameLift.<operation>}), signed. */
  public static Signed json(URI endpoint, String operation, String body, S3Wire.Keys keys, Clock clock, String region, String service) {
    return sign(endpoint, "/", Map.of("X-Amz-Target", "GameLift." + operation, "Content-Type", "application/x-amz-json-1.1"),
        body.getBytes(StandardCharsets.UTF_8), keys, clock, region, service);
  }

  /**
   * Signs {@code POST path} with these headers and this body as the SDK signs it, at {@code clock}'s time, for
   * {@code service} in {@code region}; with a session token when {@code keys} has one.
   */
  public static Signed sign(URI endpoint, String path, Map<String, String> headers, byte[] body, S3Wire.Keys keys, Clock clock,
      String region, String service) {
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve(path));
    headers.forEach(unsigned::putHeader);
    AwsCredentialsIdentity identity = keys.token() == null ? AwsCredentialsIdentity.create(keys.accessKeyId(), keys.secret())
        : AwsSessionCredentialsIdentity.create(keys.accessKeyId(), keys.secret(), keys.token());
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(identity)
        .request(unsigned.build())
        .payload(ContentStreamProvider.fromByteArray(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    return new Signed(path, new LinkedHashMap<>(signed.request().headers()), body);
  }

  /** Sends a request with exactly these headers (but Host and Content-Length, which the client sets). */
  public static HttpResponse<String> send(URI endpoint, Map<String, List<String>> headers, String body) {
    return exchange(request(endpoint.resolve("/"), headers, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
        Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Sends a signed request over HTTP/1.1 and reads the reply as bytes; no answer within {@code timeout} fails. */
  public static HttpResponse<byte[]> send(URI endpoint, Signed signed, Duration timeout) {
    return exchange(request(endpoint.resolve(signed.path()), signed.headers(), HttpRequest.BodyPublishers.ofByteArray(signed.body()),
        timeout).version(HttpClient.Version.HTTP_1_1), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest.Builder request(URI uri, Map<String, List<String>> headers, HttpRequest.BodyPublisher body,
      Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).POST(body);
    headers.forEach((name, values) -> {
      if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
        values.forEach(value -> request.header(name, value));
      }
    });
    return request;
  }

  private static <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return HTTP.send(request.build(), handler);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
