package dev.hangar.adapter.http.wire;

/** The output of DescribeBuild and UpdateBuild. */
public record BuildResponse(BuildShape build) {
}
