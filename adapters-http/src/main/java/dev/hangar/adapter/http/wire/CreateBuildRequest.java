package dev.hangar.adapter.http.wire;

import java.util.List;

public record CreateBuildRequest(
    String name,
    String version,
    S3LocationShape storageLocation,
    String operatingSystem,
    List<TagShape> tags,
    String serverSdkVersion) {
}
