package dev.hangar.adapter.http.s3;

import dev.hangar.adapter.http.HttpDates;
import dev.hangar.adapter.http.s3.ClientStream.ClientGoneException;
import dev.hangar.application.port.in.BuildObject;
import dev.hangar.application.port.in.GetBuildObjectQuery;
import dev.hangar.application.port.in.GetBuildObjectUseCase;
import dev.hangar.domain.storage.StoredObject;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** What HeadObject and GetObject share: finding the caller's build object, and the headers that describe it. */
final class ObjectReads {
  private static final HttpString VERSION_ID = new HttpString("x-amz-version-id");
  private static final int COPY_BUFFER = 64 * 1024;

  private ObjectReads() {
  }

  /** The object, when the caller's account owns a build stored there; NoSuchKey otherwise. */
  static BuildObject find(S3Call call, GetBuildObjectUseCase useCase) {
    return useCase.getBuildObject(new GetBuildObjectQuery(call.account(), call.bucket(), call.key()))
        .orElseThrow(() -> new S3Failure(S3Error.NO_SUCH_KEY));
  }

  /** ETag, type, version, {@code Last-Modified} (RFC 1123, which the AWS CLI requires) and {@code Accept-Ranges}. */
  static void describe(HttpServerExchange exchange, StoredObject object) {
    exchange.getResponseHeaders().put(Headers.ETAG, object.etag())
        .put(Headers.CONTENT_TYPE, "application/zip")
        .put(VERSION_ID, object.versionId())
        .put(Headers.LAST_MODIFIED, HttpDates.format(object.lastModified()))
        .put(Headers.ACCEPT_RANGES, "bytes");
  }

  /** Streams the bytes as the response body; a client that stops reading loses the connection. */
  static void send(HttpServerExchange exchange, InputStream bytes) {
    try (InputStream in = bytes; OutputStream out = exchange.getOutputStream()) {
      byte[] buffer = new byte[COPY_BUFFER];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
      }
    } catch (IOException e) {
      // The client stopped reading: the response cannot be finished, so the connection goes.
      exchange.setPersistent(false);
      throw new ClientGoneException(e);
    }
  }
}
