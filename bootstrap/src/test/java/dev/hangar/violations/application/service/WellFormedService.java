package dev.hangar.violations.application.service;

import dev.hangar.violations.application.port.in.WellFormedUseCase;
import dev.hangar.violations.domain.build.WellFormedValue;

/** Follows every rule: named *Service and implements an inbound port. */
public final class WellFormedService implements WellFormedUseCase {
  @Override
  public WellFormedValue wellFormed(WellFormedValue input) {
    return input;
  }
}
