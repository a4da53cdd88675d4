package dev.hangar.adapter.http.s3;

import dev.hangar.application.port.in.CompleteMultipartUploadCommand;
import dev.hangar.application.port.in.CompleteMultipartUploadUseCase;
import dev.hangar.application.port.in.UploadRequest;
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.StoredObject;
import io.undertow.util.Headers;
import java.util.List;

/** {@code POST /<bucket>/<key>?uploadId=U} with the list of parts: assembles the object. */
final class CompleteMultipartUploadOperation implements S3Operation {
  static final int MAX_XML_BYTES = 2 * 1024 * 1024;

  private final CompleteMultipartUploadUseCase useCase;

  CompleteMultipartUploadOperation(CompleteMultipartUploadUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "CompleteMultipartUpload";
  }

  @Override
  public void execute(S3Call call) {
    UploadRequest where = call.upload();
    byte[] xml = call.body().readAll(MAX_XML_BYTES, "CompleteMultipartUpload");
    List<MultipartUpload.RequestedPart> parts = S3Xml.parseComplete(xml);
    StoredObject object = useCase.completeMultipartUpload(new CompleteMultipartUploadCommand(where, call.request().uploadId(), parts));
    String host = call.exchange().getRequestHeaders().getFirst(Headers.HOST);
    call.replyXml(S3Xml.completed("http://" + host + "/" + call.bucket() + "/" + call.key(), call.bucket().value(),
        call.key().value(), object.etag()));
  }
}
