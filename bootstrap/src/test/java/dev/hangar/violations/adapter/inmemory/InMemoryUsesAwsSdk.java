package dev.hangar.violations.adapter.inmemory;

import software.amazon.awssdk.services.s3.S3Client;

/** Breaks rule 7: the AWS SDK outside the AWS adapter and bootstrap. */
public final class InMemoryUsesAwsSdk {
  private final S3Client s3;

  public InMemoryUsesAwsSdk(S3Client s3) {
    this.s3 = s3;
  }

  public S3Client s3() {
    return s3;
  }
}
