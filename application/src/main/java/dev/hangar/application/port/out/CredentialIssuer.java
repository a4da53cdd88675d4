package dev.hangar.application.port.out;

import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.credential.UploadTarget;
import java.time.Instant;

/** Mints short-lived credentials that may write one build's object and nothing else. */
public interface CredentialIssuer {
  /**
   * A lease for that target, issued at {@code now}.
   *
   * @throws DependencyFailureException when the issuer (STS) cannot mint one
   */
  CredentialLease issueUploadLease(UploadTarget target, Instant now);
}
