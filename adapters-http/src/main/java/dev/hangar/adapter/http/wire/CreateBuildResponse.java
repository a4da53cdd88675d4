package dev.hangar.adapter.http.wire;

public record CreateBuildResponse(BuildShape build, AwsCredentialsShape uploadCredentials, S3LocationShape storageLocation) {
}
