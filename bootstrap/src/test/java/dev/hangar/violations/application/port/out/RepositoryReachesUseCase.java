package dev.hangar.violations.application.port.out;

import dev.hangar.violations.application.port.in.WellFormedUseCase;

/** Breaks rule 3: an outbound port depends on an inbound port. */
public interface RepositoryReachesUseCase {
  void remember(WellFormedUseCase useCase);
}
