package dev.hangar.adapter.http.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.adapter.http.sigv4.Canonical;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.hangar.application.port.in.UploadPartCommand;

class UploadPartOperationTest {
  private final S3TestServer server = S3TestServer.withLease();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> uploadPart(String query, byte[] body) {
    return server.send(server.request("builds/k.zip?" + query).header("x-amz-content-sha256", Canonical.sha256Hex(body))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  @Test
  void uploadPart_partNumberAndUploadId_partStoredAndEtagAnswered() {
    byte[] body = "part two".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> response = uploadPart("partNumber=2&uploadId=up-1", body);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).contains("\"0123456789abcdef0123456789abcdef\"");
    UploadPartCommand command = (UploadPartCommand) server.fakes.calls.get(0);
    assertThat(command.partNumber()).isEqualTo(2);
    assertThat(command.uploadId()).isEqualTo("up-1");
    assertThat(command.declaredLength()).isEqualTo(body.length);
    assertThat(server.fakes.received).isEqualTo(body);
  }

  @Test
  void uploadPart_noUploadId_invalidArgument() {
    HttpResponse<byte[]> response = uploadPart("partNumber=2", new byte[1]);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(S3TestServer.text(response)).contains("<Code>InvalidArgument</Code>").contains("partNumber and uploadId");
    assertThat(server.fakes.calls).isEmpty();
  }

  @Test
  void uploadPart_partNumberOutOfRange_invalidArgument() {
    for (String partNumber : new String[] {"0", "10001", "two"}) {
      HttpResponse<byte[]> response = uploadPart("partNumber=" + partNumber + "&uploadId=up-1", new byte[1]);
      assertThat(response.statusCode()).as(partNumber).isEqualTo(400);
      assertThat(S3TestServer.text(response)).as(partNumber).contains("<Code>InvalidArgument</Code>");
    }
    assertThat(server.fakes.calls).isEmpty();
  }

  @Test
  void uploadPart_otherSubResource_accessDenied() {
    HttpResponse<byte[]> response = uploadPart("partNumber=1&uploadId=up-1&acl", new byte[1]);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(S3TestServer.text(response)).contains("&apos;acl&apos; sub-resource");
  }
}
