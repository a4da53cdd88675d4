package dev.hangar.adapter.http.s3;

import dev.hangar.application.port.in.UploadPartCommand;
import dev.hangar.application.port.in.UploadPartUseCase;
import dev.hangar.application.port.in.UploadRequest;
import dev.hangar.domain.storage.StoredPart;

/** {@code PUT /<bucket>/<key>?partNumber=N&uploadId=U}: one part of a multipart upload. */
final class UploadPartOperation implements S3Operation {
  private final UploadPartUseCase useCase;

  UploadPartOperation(UploadPartUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "UploadPart";
  }

  @Override
  public void execute(S3Call call) {
    UploadRequest where = call.upload();
    if (!call.request().has("partNumber") || !call.request().has("uploadId")) {
      throw new S3Failure(S3Error.INVALID_ARGUMENT, "UploadPart needs both partNumber and uploadId");
    }
    int partNumber = call.request().partNumber();
    S3Body body = call.body();
    dev.hangar.adapter.http.observe.RequestFacts.uploadStarted(call.exchange());
    StoredPart part = useCase.uploadPart(new UploadPartCommand(where, call.request().uploadId(), partNumber,
        body.declaredLength(), body.stream()));
    dev.hangar.adapter.http.observe.RequestFacts.uploaded(call.exchange(), part.size());
    body.replyStored(call.exchange(), part.etag());
  }
}
