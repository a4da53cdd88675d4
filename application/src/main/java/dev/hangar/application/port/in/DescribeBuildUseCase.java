package dev.hangar.application.port.in;

import dev.hangar.domain.build.Build;

public interface DescribeBuildUseCase {
  Build describeBuild(DescribeBuildQuery query);
}
