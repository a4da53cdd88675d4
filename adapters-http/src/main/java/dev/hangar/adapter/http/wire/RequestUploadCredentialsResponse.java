package dev.hangar.adapter.http.wire;

public record RequestUploadCredentialsResponse(AwsCredentialsShape uploadCredentials, S3LocationShape storageLocation) {
}
