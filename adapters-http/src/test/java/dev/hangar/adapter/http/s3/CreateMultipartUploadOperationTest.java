package dev.hangar.adapter.http.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.adapter.http.sigv4.Canonical;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.hangar.application.port.in.CreateMultipartUploadCommand;

class CreateMultipartUploadOperationTest {
  private final S3TestServer server = S3TestServer.withLease();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void createMultipartUpload_lease_answersTheUploadId() {
    HttpResponse<byte[]> response = server.send(server.request("builds/k.zip?uploads").header("x-amz-content-sha256", Canonical.EMPTY_SHA256)
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/xml");
    assertThat(S3TestServer.text(response)).contains("<InitiateMultipartUploadResult").contains("<Bucket>" + FakeS3UseCases.bucket() + "</Bucket>")
        .contains("<Key>builds/k.zip</Key>").contains("<UploadId>upload-1</UploadId>");
    assertThat(((CreateMultipartUploadCommand) server.fakes.calls.get(0)).where().key().value()).isEqualTo("builds/k.zip");
  }

  @Test
  void createMultipartUpload_postWithoutSubResource_accessDenied() {
    HttpResponse<byte[]> response = server.send(server.request("builds/k.zip").header("x-amz-content-sha256", Canonical.EMPTY_SHA256)
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(server.fakes.calls).isEmpty();
  }
}
