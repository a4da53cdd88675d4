package dev.hangar.adapter.http.s3;

import dev.hangar.application.port.in.BuildObject;
import dev.hangar.application.port.in.GetBuildObjectUseCase;
import dev.hangar.domain.storage.ByteRange;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code GET /<bucket>/<key>} with an account's keys: a build's object, whole (200) or the one range its
 * {@code Range} header asks for (206 with {@code Content-Range}; see {@link RangeHeader}).
 */
final class GetObjectOperation implements S3Operation {
  private final GetBuildObjectUseCase useCase;

  GetObjectOperation(GetBuildObjectUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "GetObject";
  }

  @Override
  public void execute(S3Call call) {
    HttpServerExchange exchange = call.exchange();
    BuildObject found = ObjectReads.find(call, useCase);
    long size = found.object().size();
    Optional<ByteRange> range = RangeHeader.parse(exchange.getRequestHeaders().getFirst(Headers.RANGE), size);
    Optional<InputStream> bytes = range.isPresent() ? useCase.openBuildObject(found, range.get()) : useCase.openBuildObject(found);
    InputStream in = bytes.orElseThrow(() -> new S3Failure(S3Error.NO_SUCH_KEY));
    ObjectReads.describe(exchange, found.object());
    if (range.isPresent()) {
      exchange.setStatusCode(206);
      exchange.getResponseHeaders().put(Headers.CONTENT_RANGE, RangeHeader.contentRange(range.get(), size));
    }
    exchange.setResponseContentLength(range.map(ByteRange::length).orElse(size));
    ObjectReads.send(exchange, in);
  }
}
