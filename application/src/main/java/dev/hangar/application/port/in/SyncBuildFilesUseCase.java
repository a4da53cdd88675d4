package dev.hangar.application.port.in;

import dev.hangar.domain.build.Build;

/**
 * Brings a build up to date with its files where uploads go straight to storage (S3 with STS leases):
 * nobody tells the service that an upload finished, so a look is taken when the build is read. An
 * INITIALIZED build whose object is complete becomes READY (or FAILED); a READY build whose object changed
 * since becomes FAILED.
 */
public interface SyncBuildFilesUseCase {
  /** For nodes whose upload endpoint reports every complete object itself (the embedded one). */
  SyncBuildFilesUseCase NONE = build -> build;

  Build syncBuildFiles(Build build);
}
