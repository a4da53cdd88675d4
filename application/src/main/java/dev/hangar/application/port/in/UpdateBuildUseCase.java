package dev.hangar.application.port.in;

import dev.hangar.domain.build.Build;

public interface UpdateBuildUseCase {
  Build updateBuild(UpdateBuildCommand command);
}
