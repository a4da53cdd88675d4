package dev.hangar.adapter.http.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.adapter.http.sigv4.Canonical;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.hangar.application.port.in.ListPartsQuery;
import dev.hangar.domain.storage.StoredPart;
import java.util.List;

class ListPartsOperationTest {
  private final S3TestServer server = S3TestServer.withLease();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> list(String query) {
    return server.send(server.request("builds/k.zip?" + query).header("x-amz-content-sha256", Canonical.EMPTY_SHA256).GET());
  }

  @Test
  void listParts_uploadId_partsAfterTheMarker() {
    server.fakes.parts = List.of(new StoredPart(1, 5, "0123456789abcdef0123456789abcdef", FakeS3UseCases.STORED),
        new StoredPart(2, 6, "fedcba9876543210fedcba9876543210", FakeS3UseCases.STORED));
    HttpResponse<byte[]> response = list("uploadId=up-1&part-number-marker=1");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(S3TestServer.text(response)).contains("<ListPartsResult").contains("<UploadId>up-1</UploadId>")
        .contains("<PartNumber>2</PartNumber>").doesNotContain("<PartNumber>1</PartNumber>");
    assertThat(((ListPartsQuery) server.fakes.calls.get(0)).uploadId()).isEqualTo("up-1");
  }

  @Test
  void listParts_maxPartsOutOfRange_invalidArgument() {
    HttpResponse<byte[]> response = list("uploadId=up-1&max-parts=1001");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(S3TestServer.text(response)).contains("<Code>InvalidArgument</Code>").contains("max-parts");
    assertThat(server.fakes.calls).isEmpty();
  }
}
