package dev.hangar.adapter.http.s3;

import dev.hangar.application.port.in.PutBuildObjectCommand;
import dev.hangar.application.port.in.PutBuildObjectUseCase;
import dev.hangar.application.port.in.UploadRequest;
import dev.hangar.domain.storage.StoredObject;

/** {@code PUT /<bucket>/<key>}: the build's zip in one request. */
final class PutObjectOperation implements S3Operation {
  private final PutBuildObjectUseCase useCase;

  PutObjectOperation(PutBuildObjectUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "PutObject";
  }

  @Override
  public void execute(S3Call call) {
    UploadRequest where = call.upload();
    S3Body body = call.body();
    dev.hangar.adapter.http.observe.RequestFacts.uploadStarted(call.exchange());
    StoredObject object = useCase.putBuildObject(new PutBuildObjectCommand(where, body.declaredLength(), body.stream()));
    dev.hangar.adapter.http.observe.RequestFacts.uploaded(call.exchange(), object.size());
    body.replyStored(call.exchange(), object.etag());
  }
}
