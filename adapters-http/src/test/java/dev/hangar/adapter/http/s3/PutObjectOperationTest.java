package dev.hangar.adapter.http.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.adapter.http.sigv4.Canonical;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.hangar.application.port.in.PutBuildObjectCommand;
import dev.hangar.application.port.in.UploadDeniedException;

class PutObjectOperationTest {
  private final S3TestServer server = S3TestServer.withLease();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> put(byte[] body, String sha256, String... headers) {
    HttpRequest.Builder request = server.request("builds/a%20b.zip").header("x-amz-content-sha256", sha256)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return server.send(request);
  }

  @Test
  void putObject_signedBody_storedAndEtagAnswered() {
    byte[] body = "zip bytes".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> response = put(body, Canonical.sha256Hex(body));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).contains("\"put-etag\"");
    assertThat(server.fakes.received).isEqualTo(body);
    PutBuildObjectCommand command = (PutBuildObjectCommand) server.fakes.calls.get(0);
    assertThat(command.declaredLength()).isEqualTo(body.length);
    assertThat(command.where().bucket().value()).isEqualTo(FakeS3UseCases.bucket());
    assertThat(command.where().key().value()).isEqualTo("builds/a b.zip");
  }

  @Test
  void putObject_body_handedOnWithTheMd5ComputedWhileVerifying() throws Exception {
    byte[] body = "zip bytes".getBytes(StandardCharsets.UTF_8);
    assertThat(put(body, Canonical.sha256Hex(body)).statusCode()).isEqualTo(200);
    assertThat(server.fakes.reportedMd5).as("the store takes this MD5 and digests nothing again")
        .isEqualTo(Canonical.hex(java.security.MessageDigest.getInstance("MD5").digest(body)));
  }

  @Test
  void putObject_checksumHeader_verifiedAndEchoed() {
    byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
    // CRC32 of "hello" is 0x3610a686.
    HttpResponse<byte[]> response = put(body, "UNSIGNED-PAYLOAD", "x-amz-checksum-crc32", "NhCmhg==");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-amz-checksum-crc32")).contains("NhCmhg==");
  }

  @Test
  void putObject_bodyNotTheSignedOne_contentSha256Mismatch() {
    byte[] body = "zip bytes".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> response = put(body, Canonical.sha256Hex("other".getBytes(StandardCharsets.UTF_8)));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(S3TestServer.text(response)).contains("<Code>XAmzContentSHA256Mismatch</Code>");
    assertThat(response.headers().firstValue("ETag")).isEmpty();
  }

  @Test
  void putObject_aclHeader_accessDeniedUnread() {
    byte[] body = "zip".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> response = put(body, Canonical.sha256Hex(body), "x-amz-acl", "public-read");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(S3TestServer.text(response)).contains("<Code>AccessDenied</Code>").contains("x-amz-acl");
    assertThat(server.fakes.calls).isEmpty();
  }

  @Test
  void putObject_useCaseDenies_accessDenied() {
    server.fakes.failure = new UploadDeniedException("Access Denied: build is READY");
    byte[] body = "zip".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> response = put(body, Canonical.sha256Hex(body));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(S3TestServer.text(response)).contains("<Code>AccessDenied</Code>").contains("build is READY");
  }

  @Test
  void putObject_accountKeys_accessDenied() {
    try (S3TestServer account = S3TestServer.withAccountKeys()) {
      HttpResponse<byte[]> response = account.send(account.request("builds/k.zip").header("x-amz-content-sha256", Canonical.EMPTY_SHA256)
          .PUT(HttpRequest.BodyPublishers.noBody()));
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(S3TestServer.text(response)).contains("RequestUploadCredentials");
      assertThat(account.fakes.calls).isEmpty();
    }
  }
}
