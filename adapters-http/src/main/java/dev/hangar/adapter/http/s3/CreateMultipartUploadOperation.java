package dev.hangar.adapter.http.s3;

import dev.hangar.application.port.in.CreateMultipartUploadCommand;
import dev.hangar.application.port.in.CreateMultipartUploadUseCase;

/** {@code POST /<bucket>/<key>?uploads}: starts a multipart upload and answers its id. */
final class CreateMultipartUploadOperation implements S3Operation {
  private final CreateMultipartUploadUseCase useCase;

  CreateMultipartUploadOperation(CreateMultipartUploadUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "CreateMultipartUpload";
  }

  @Override
  public void execute(S3Call call) {
    String uploadId = useCase.createMultipartUpload(new CreateMultipartUploadCommand(call.upload()));
    call.replyXml(S3Xml.initiated(call.bucket().value(), call.key().value(), uploadId));
  }
}
