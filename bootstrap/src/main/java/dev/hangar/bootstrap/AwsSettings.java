package dev.hangar.bootstrap;

import dev.hangar.domain.storage.RoleArn;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a node with {@code --backend aws} reaches AWS: the uploader role and lease duration, and, for
 * emulators such as moto, endpoint overrides and path-style S3. The node's own credentials come from the
 * SDK's default chain (environment, profile, instance or task role).
 */
public record AwsSettings(Optional<RoleArn> uploadRoleArn, Duration uploadDuration, Optional<URI> s3Endpoint,
    Optional<URI> stsEndpoint, boolean s3PathStyle) {
  public static final Duration MIN_UPLOAD_DURATION = Duration.ofSeconds(900);
  public static final Duration MAX_UPLOAD_DURATION = Duration.ofSeconds(43_200);

  public AwsSettings {
    Objects.requireNonNull(uploadRoleArn, "uploadRoleArn");
    Objects.requireNonNull(uploadDuration, "uploadDuration");
    Objects.requireNonNull(s3Endpoint, "s3Endpoint");
    Objects.requireNonNull(stsEndpoint, "stsEndpoint");
    if (uploadDuration.compareTo(MIN_UPLOAD_DURATION) < 0 || uploadDuration.compareTo(MAX_UPLOAD_DURATION) > 0) {
      throw new ConfigException("--upload-duration must be between 900s and 43200s (STS's bounds), got " + uploadDuration.toSeconds() + "s");
    }
  }

  public static AwsSettings none() {
    return new AwsSettings(Optional.empty(), Duration.ofHours(1), Optional.empty(), Optional.empty(), false);
  }
}
