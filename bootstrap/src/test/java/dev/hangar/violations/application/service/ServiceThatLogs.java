package dev.hangar.violations.application.service;

/** Breaks the logging rule: a use case that logs instead of returning or raising what it has to report. */
public final class ServiceThatLogs {
  private static final System.Logger LOG = System.getLogger(ServiceThatLogs.class.getName());

  public void run() {
    LOG.log(System.Logger.Level.INFO, "done");
  }
}
