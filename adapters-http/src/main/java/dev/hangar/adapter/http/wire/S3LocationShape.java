package dev.hangar.adapter.http.wire;

/** GameLift's {@code S3Location}: all members optional in the model. */
public record S3LocationShape(String bucket, String key, String roleArn, String objectVersion) {
}
