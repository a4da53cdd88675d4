package dev.hangar.adapter.http.s3;

import dev.hangar.application.port.in.AbortMultipartUploadCommand;
import dev.hangar.application.port.in.AbortMultipartUploadUseCase;

/** {@code DELETE /<bucket>/<key>?uploadId=U}: drops a multipart upload and its parts. */
final class AbortMultipartUploadOperation implements S3Operation {
  private final AbortMultipartUploadUseCase useCase;

  AbortMultipartUploadOperation(AbortMultipartUploadUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "AbortMultipartUpload";
  }

  @Override
  public void execute(S3Call call) {
    useCase.abortMultipartUpload(new AbortMultipartUploadCommand(call.upload(), call.request().uploadId()));
    call.exchange().setStatusCode(204);
    call.exchange().endExchange();
  }
}
