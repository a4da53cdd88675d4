package dev.hangar.application.port.in;

import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildId;
import java.util.List;
import java.util.Objects;

/**
 * An account's builds, oldest first ({@link #MAX_BUILDS} at most, {@code truncated} when it has more), and the
 * multipart uploads open for its builds with the bytes their parts hold so far.
 */
public record AccountOverview(List<Build> builds, boolean truncated, List<UploadInProgress> uploads) {
  public static final int MAX_BUILDS = 1000;

  public AccountOverview {
    builds = List.copyOf(builds);
    uploads = List.copyOf(uploads);
  }

  /** The open multipart uploads of one build, and the bytes of the parts received. */
  public record UploadInProgress(BuildId build, long bytesReceived) {
    public UploadInProgress {
      Objects.requireNonNull(build, "build");
    }
  }
}
