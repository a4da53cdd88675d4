package dev.hangar.adapter.http.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.adapter.http.sigv4.Canonical;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.hangar.application.port.in.AbortMultipartUploadCommand;
import dev.hangar.application.port.out.UploadStore;

class AbortMultipartUploadOperationTest {
  private final S3TestServer server = S3TestServer.withLease();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> delete(String query) {
    return server.send(server.request("builds/k.zip" + query).header("x-amz-content-sha256", Canonical.EMPTY_SHA256).DELETE());
  }

  @Test
  void abortMultipartUpload_uploadId_noContent() {
    HttpResponse<byte[]> response = delete("?uploadId=up-7");
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(((AbortMultipartUploadCommand) server.fakes.calls.get(0)).uploadId()).isEqualTo("up-7");
  }

  @Test
  void abortMultipartUpload_unknownUpload_noSuchUpload() {
    server.fakes.failure = new UploadStore.NoSuchUploadException("up-7");
    HttpResponse<byte[]> response = delete("?uploadId=up-7");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(S3TestServer.text(response)).contains("<Code>NoSuchUpload</Code>");
  }

  @Test
  void abortMultipartUpload_deleteObject_accessDenied() {
    HttpResponse<byte[]> response = delete("");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(server.fakes.calls).isEmpty();
  }
}
