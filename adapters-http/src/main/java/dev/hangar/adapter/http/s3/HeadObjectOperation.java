package dev.hangar.adapter.http.s3;

import dev.hangar.application.port.in.BuildObject;
import dev.hangar.application.port.in.GetBuildObjectUseCase;

/** {@code HEAD /<bucket>/<key>} with an account's keys: a build's object described, without its bytes. */
final class HeadObjectOperation implements S3Operation {
  private final GetBuildObjectUseCase useCase;

  HeadObjectOperation(GetBuildObjectUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "HeadObject";
  }

  @Override
  public void execute(S3Call call) {
    BuildObject found = ObjectReads.find(call, useCase);
    ObjectReads.describe(call.exchange(), found.object());
    call.exchange().setResponseContentLength(found.object().size());
    call.exchange().endExchange();
  }
}
