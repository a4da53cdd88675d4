package dev.hangar.adapter.http.s3;

import dev.hangar.adapter.http.sigv4.Verified;
import dev.hangar.application.port.in.UploadRequest;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** An authenticated S3 request on its way to an operation: the exchange, its parsed target and who signed it. */
record S3Call(HttpServerExchange exchange, S3Request request, Verified<S3Identity> verified, BucketName bucket, ObjectKey key) {
  /** The upload this request makes, with the lease it is signed with (see {@link S3Authentication#lease}). */
  UploadRequest upload() {
    return new UploadRequest(S3Authentication.lease(verified.principal(), exchange), bucket, key);
  }

  /** The account that reads (see {@link S3Authentication#account}). */
  AccountId account() {
    return S3Authentication.account(verified.principal());
  }

  /** The payload, decoded and verified as it is read. */
  S3Body body() {
    return S3Body.decode(exchange, verified);
  }

  void replyXml(String xml) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/xml");
    exchange.setResponseContentLength(bytes.length);
    try {
      exchange.getOutputStream().write(bytes);
    } catch (IOException e) {
      throw new ClientStream.ClientGoneException(e);
    }
    exchange.endExchange();
  }
}
