package dev.hangar.adapter.http.wire;

import java.math.BigDecimal;

/** GameLift's {@code Build} structure. CreationTime is epoch seconds with a millisecond fraction. */
public record BuildShape(
    String buildId,
    String buildArn,
    String name,
    String version,
    String status,
    Long sizeOnDisk,
    String operatingSystem,
    BigDecimal creationTime,
    String serverSdkVersion) {
}
