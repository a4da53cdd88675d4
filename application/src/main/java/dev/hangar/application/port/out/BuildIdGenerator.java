package dev.hangar.application.port.out;

import dev.hangar.domain.build.BuildId;

/** Hands out ids for new builds; never the same id twice. */
public interface BuildIdGenerator {
  BuildId next();
}
