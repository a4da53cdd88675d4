package dev.hangar.violations.application.service;

import dev.hangar.violations.application.port.in.WellFormedUseCase;
import dev.hangar.violations.domain.build.WellFormedValue;

/** Breaks rule 4: implements an inbound port but is not named *Service. */
public final class MisnamedHandler implements WellFormedUseCase {
  @Override
  public WellFormedValue wellFormed(WellFormedValue input) {
    return input;
  }
}
