package dev.hangar.adapter.http.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.adapter.http.sigv4.Canonical;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeadObjectOperationTest {
  private final S3TestServer server = S3TestServer.withAccountKeys();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> head(String range) {
    HttpRequest.Builder request = server.request("builds/k.zip").header("x-amz-content-sha256", Canonical.EMPTY_SHA256)
        .method("HEAD", HttpRequest.BodyPublishers.noBody());
    if (range != null) {
      request.header("Range", range);
    }
    return server.send(request);
  }

  @Test
  void headObject_owned_describedWithLastModifiedAndNoBody() {
    server.fakes.object = new byte[1234];
    HttpResponse<byte[]> response = head(null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).contains("1234");
    assertThat(response.headers().firstValue("ETag")).contains("\"get-etag\"");
    assertThat(response.headers().firstValue("Last-Modified")).contains(FakeS3UseCases.STORED_HTTP);
    assertThat(response.headers().firstValue("x-amz-version-id")).contains("v-3");
    assertThat(response.headers().firstValue("Accept-Ranges")).contains("bytes");
    assertThat(response.body()).isEmpty();
    assertThat(server.fakes.opened).isEmpty();
  }

  @Test
  void headObject_missing_notFoundWithoutBody() {
    HttpResponse<byte[]> response = head(null);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void headObject_lease_accessDenied() {
    try (S3TestServer lease = S3TestServer.withLease()) {
      lease.fakes.object = new byte[3];
      HttpResponse<byte[]> response = lease.send(lease.request("builds/k.zip").header("x-amz-content-sha256", Canonical.EMPTY_SHA256)
          .method("HEAD", HttpRequest.BodyPublishers.noBody()));
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(lease.fakes.calls).isEmpty();
    }
  }
}
