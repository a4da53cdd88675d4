package dev.hangar.adapter.http.s3;

import dev.hangar.adapter.http.HttpEndpoint;
import dev.hangar.adapter.http.sigv4.Verified;
import dev.hangar.application.fixture.FakeCredentialIssuer;
import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.credential.UploadTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * The S3 dispatcher on Undertow at 127.0.0.1, port 0, over fake use cases. Signatures are taken as checked:
 * every request comes from the one identity given (a lease, or an account's keys), as FixedCallerResolver
 * does for GameLift; routing, parsing, payload verification and the error mapping are the real ones.
 */
final class S3TestServer implements AutoCloseable {
  static final AccountId ACCOUNT = new AccountId("123456789012");
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final FakeS3UseCases fakes = new FakeS3UseCases();
  private final HttpEndpoint endpoint;

  private S3TestServer(S3Identity identity) {
    S3Authentication fixed = new S3Authentication((request, payloadHash) ->
        new Verified<>(identity, "AKIDTEST", "0".repeat(64), new byte[32], "20300101T000000Z", "20300101/us-west-2/s3/aws4_request"));
    this.endpoint = HttpEndpoint.start("127.0.0.1", 0, 1, 2, new S3Handler(fakes.useCases(), fixed, Clock.systemUTC()));
  }

  /** Requests signed with upload credentials. */
  static S3TestServer withLease() {
    BuildId build = TestBuilds.freshId();
    UploadTarget target = new UploadTarget(ACCOUNT, build, TestBuilds.locationOf(ACCOUNT, build));
    return new S3TestServer(new S3Identity.Lease(new FakeCredentialIssuer().issueUploadLease(target, TestBuilds.T0)));
  }

  /** Requests signed with the account's API keys. */
  static S3TestServer withAccountKeys() {
    return new S3TestServer(new S3Identity.Account(ACCOUNT));
  }

  /** A request to {@code /<bucket>/<pathAndQuery>}. */
  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(endpoint.uri().resolve("/" + FakeS3UseCases.bucket() + "/" + pathAndQuery)).timeout(Duration.ofSeconds(10));
  }

  HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  URI uri() {
    return endpoint.uri();
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
