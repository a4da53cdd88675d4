package dev.hangar.adapter.http.wire;

public record UpdateBuildRequest(String buildId, String name, String version) {
}
