package dev.hangar.application.port.in;

import dev.hangar.domain.build.BuildReference;

/**
 * No build answers to that id or ARN for the caller: it never existed, was deleted, belongs to another
 * account or lives in another region. The message is the same in every case.
 */
public final class BuildNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BuildNotFoundException(BuildReference reference) {
    super("Build " + reference.describe() + " does not exist.");
  }
}
