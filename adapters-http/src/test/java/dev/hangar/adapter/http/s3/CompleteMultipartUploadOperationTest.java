package dev.hangar.adapter.http.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.adapter.http.sigv4.Canonical;
import dev.hangar.application.port.in.CompleteMultipartUploadCommand;
import dev.hangar.domain.failure.MultipartRuleException;
import dev.hangar.domain.storage.MultipartUpload;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompleteMultipartUploadOperationTest {
  private final S3TestServer server = S3TestServer.withLease();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> complete(String xml) {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    return server.send(server.request("builds/k.zip?uploadId=up-1").header("x-amz-content-sha256", Canonical.sha256Hex(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  @Test
  void completeMultipartUpload_partList_passedOnAndObjectAnswered() {
    HttpResponse<byte[]> response = complete("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"a\"</ETag></Part>"
        + "<Part><PartNumber>2</PartNumber><ETag>\"b\"</ETag></Part></CompleteMultipartUpload>");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(S3TestServer.text(response)).contains("<CompleteMultipartUploadResult").contains("<Key>builds/k.zip</Key>")
        .contains("<ETag>&quot;0123456789abcdef0123456789abcdef-2&quot;</ETag>");
    CompleteMultipartUploadCommand command = (CompleteMultipartUploadCommand) server.fakes.calls.get(0);
    assertThat(command.uploadId()).isEqualTo("up-1");
    assertThat(command.parts()).extracting(MultipartUpload.RequestedPart::partNumber).containsExactly(1, 2);
  }

  @Test
  void completeMultipartUpload_notXml_malformedXml() {
    HttpResponse<byte[]> response = complete("<CompleteMultipartUpload><Part>");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(S3TestServer.text(response)).contains("<Code>MalformedXML</Code>");
    assertThat(server.fakes.calls).isEmpty();
  }

  @Test
  void completeMultipartUpload_ruleBroken_typedError() {
    server.fakes.failure = new MultipartRuleException(MultipartRuleException.Violation.INVALID_PART_ORDER, "out of order");
    HttpResponse<byte[]> response = complete("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"a\"</ETag></Part>"
        + "</CompleteMultipartUpload>");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(S3TestServer.text(response)).contains("<Code>InvalidPartOrder</Code>");
  }
}
