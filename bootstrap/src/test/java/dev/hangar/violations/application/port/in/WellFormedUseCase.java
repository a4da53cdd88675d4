package dev.hangar.violations.application.port.in;

import dev.hangar.violations.domain.build.WellFormedValue;

/** Follows every rule: an inbound port. */
public interface WellFormedUseCase {
  WellFormedValue wellFormed(WellFormedValue input);
}
