package dev.hangar.adapter.http.wire;

/** The input of DescribeBuild, DeleteBuild and RequestUploadCredentials: one required BuildId (id or ARN). */
public record BuildIdRequest(String buildId) {
}
