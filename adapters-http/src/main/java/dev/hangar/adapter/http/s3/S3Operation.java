package dev.hangar.adapter.http.s3;

/**
 * One S3 operation of the upload endpoint: the call's parameters and payload in, a use case called, S3's reply
 * out. The dispatcher ({@link S3Handler}) has authenticated the request and parsed its target; a failure is
 * thrown and rendered by {@link S3ErrorMapping}.
 */
interface S3Operation {
  /** The operation name, as S3 calls it ({@code PutObject}, {@code UploadPart}, ...). */
  String name();

  void execute(S3Call call);
}
