package dev.hangar.violations.application.port.in;

import dev.hangar.violations.application.service.WellFormedService;

/** Breaks rule 3: an inbound port depends on a service. */
public interface UseCaseReachesService {
  WellFormedService implementation();
}
