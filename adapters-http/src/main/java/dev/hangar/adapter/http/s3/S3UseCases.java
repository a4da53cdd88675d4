package dev.hangar.adapter.http.s3;

import dev.hangar.application.port.in.AbortMultipartUploadUseCase;
import dev.hangar.application.port.in.CompleteMultipartUploadUseCase;
import dev.hangar.application.port.in.CreateMultipartUploadUseCase;
import dev.hangar.application.port.in.GetBuildObjectUseCase;
import dev.hangar.application.port.in.ListPartsUseCase;
import dev.hangar.application.port.in.PutBuildObjectUseCase;
import dev.hangar.application.port.in.UploadPartUseCase;
import java.util.Objects;

/** The use cases behind the upload endpoint, one per S3 operation it serves. */
public record S3UseCases(
    PutBuildObjectUseCase putObject,
    CreateMultipartUploadUseCase createMultipartUpload,
    UploadPartUseCase uploadPart,
    CompleteMultipartUploadUseCase completeMultipartUpload,
    AbortMultipartUploadUseCase abortMultipartUpload,
    ListPartsUseCase listParts,
    GetBuildObjectUseCase getObject) {
  public S3UseCases {
    Objects.requireNonNull(putObject, "putObject");
    Objects.requireNonNull(createMultipartUpload, "createMultipartUpload");
    Objects.requireNonNull(uploadPart, "uploadPart");
    Objects.requireNonNull(completeMultipartUpload, "completeMultipartUpload");
    Objects.requireNonNull(abortMultipartUpload, "abortMultipartUpload");
    Objects.requireNonNull(listParts, "listParts");
    Objects.requireNonNull(getObject, "getObject");
  }
}
