package dev.hangar.adapter.http.s3;

import dev.hangar.application.port.in.ListPartsQuery;
import dev.hangar.application.port.in.ListPartsUseCase;
import dev.hangar.application.port.in.UploadRequest;
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.StoredPart;
import java.util.List;

/** {@code GET /<bucket>/<key>?uploadId=U}: the parts uploaded so far, a page at a time. */
final class ListPartsOperation implements S3Operation {
  private final ListPartsUseCase useCase;

  ListPartsOperation(ListPartsUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "ListParts";
  }

  @Override
  public void execute(S3Call call) {
    UploadRequest where = call.upload();
    int maxParts = call.request().boundedInt("max-parts", 1000, 0, 1000);
    int marker = call.request().boundedInt("part-number-marker", 0, 0, MultipartUpload.MAX_PARTS);
    String uploadId = call.request().uploadId();
    List<StoredPart> parts = useCase.listParts(new ListPartsQuery(where, uploadId));
    call.replyXml(S3Xml.listParts(call.bucket().value(), call.key().value(), uploadId, marker, maxParts, parts));
  }
}
