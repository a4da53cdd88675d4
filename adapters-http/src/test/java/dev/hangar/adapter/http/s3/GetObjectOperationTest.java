package dev.hangar.adapter.http.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.adapter.http.sigv4.Canonical;
import dev.hangar.application.port.in.GetBuildObjectQuery;
import dev.hangar.domain.storage.ByteRange;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GetObjectOperationTest {
  private static final int SIZE = 100;
  private final S3TestServer server = S3TestServer.withAccountKeys();
  private final byte[] object = new byte[SIZE];

  @BeforeEach
  void store() {
    for (int i = 0; i < SIZE; i++) {
      object[i] = (byte) i;
    }
    server.fakes.object = object;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> get(String range) {
    HttpRequest.Builder request = server.request("builds/k.zip").header("x-amz-content-sha256", Canonical.EMPTY_SHA256).GET();
    if (range != null) {
      request.header("Range", range);
    }
    return server.send(request);
  }

  @Test
  void getObject_owned_wholeObjectWithLastModified() {
    HttpResponse<byte[]> response = get(null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(object);
    assertThat(response.headers().firstValue("ETag")).contains("\"get-etag\"");
    assertThat(response.headers().firstValue("Last-Modified")).contains(FakeS3UseCases.STORED_HTTP);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/zip");
    assertThat(response.headers().firstValue("Content-Range")).isEmpty();
    GetBuildObjectQuery query = (GetBuildObjectQuery) server.fakes.calls.get(0);
    assertThat(query.caller()).isEqualTo(S3TestServer.ACCOUNT);
    assertThat(query.key().value()).isEqualTo("builds/k.zip");
  }

  @ParameterizedTest(name = "{0} -> {1}-{2}")
  @CsvSource({
      "bytes=0-9, 0, 9",
      "bytes=10-10, 10, 10",
      "bytes=90-, 90, 99",
      "bytes=0-, 0, 99",
      "bytes=-5, 95, 99",
      "bytes=-500, 0, 99",
      "bytes=50-1000, 50, 99",
      "bytes=99-99999999999999999999999, 99, 99"})
  void getObject_oneRange_partialContentOfExactlyThoseBytes(String range, int first, int last) {
    HttpResponse<byte[]> response = get(range);
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(object, first, last + 1));
    assertThat(response.headers().firstValue("Content-Range")).contains("bytes " + first + "-" + last + "/" + SIZE);
    assertThat(response.headers().firstValue("Content-Length")).contains(Integer.toString(last - first + 1));
    assertThat(response.headers().firstValue("ETag")).contains("\"get-etag\"");
    // The range is opened where the bytes are, not skipped through here.
    assertThat(server.fakes.opened).containsExactly(new ByteRange(first, last - first + 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=-0", "bytes=5000-6000"})
  void getObject_unsatisfiableRange_invalidRange(String range) {
    HttpResponse<byte[]> response = get(range);
    assertThat(response.statusCode()).isEqualTo(416);
    assertThat(response.headers().firstValue("Content-Range")).contains("bytes */" + SIZE);
    assertThat(response.headers().firstValue("ETag")).isEmpty();
    assertThat(S3TestServer.text(response)).contains("<Code>InvalidRange</Code>")
        .contains("<RangeRequested>" + range + "</RangeRequested>").contains("<ActualObjectSize>100</ActualObjectSize>");
    assertThat(server.fakes.opened).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=0-1,5-6", "bytes=abc", "bytes=5-2", "items=0-1", "bytes=", "bytes=-", "bytes=1-2-3", "bytes= 1-2"})
  void getObject_multiOrMalformedRange_ignoredWholeObject(String range) {
    HttpResponse<byte[]> response = get(range);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(object);
    assertThat(response.headers().firstValue("Content-Range")).isEmpty();
  }

  @Test
  void getObject_missing_noSuchKey() {
    server.fakes.object = null;
    HttpResponse<byte[]> response = get("bytes=0-1");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(S3TestServer.text(response)).contains("<Code>NoSuchKey</Code>");
  }

  @Test
  void getObject_lease_accessDenied() {
    try (S3TestServer lease = S3TestServer.withLease()) {
      lease.fakes.object = object;
      HttpResponse<byte[]> response = lease.send(lease.request("builds/k.zip").header("x-amz-content-sha256", Canonical.EMPTY_SHA256).GET());
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(S3TestServer.text(response)).contains("<Code>AccessDenied</Code>");
      assertThat(lease.fakes.calls).isEmpty();
    }
  }
}
