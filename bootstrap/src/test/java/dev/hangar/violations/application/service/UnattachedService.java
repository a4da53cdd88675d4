package dev.hangar.violations.application.service;

/** Breaks rule 4: named *Service but implements no inbound port. */
public final class UnattachedService {
  public String run() {
    return "unattached";
  }
}
