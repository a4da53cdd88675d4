package dev.hangar.application.service;

import dev.hangar.application.port.in.BuildNotFoundException;
import dev.hangar.application.port.in.RequestUploadCredentialsCommand;
import dev.hangar.application.port.in.RequestUploadCredentialsResult;
import dev.hangar.application.port.in.RequestUploadCredentialsUseCase;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildPolicy;
import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.credential.UploadTarget;
import java.time.Clock;

public final class RequestUploadCredentialsService implements RequestUploadCredentialsUseCase {
  private final BuildRepository builds;
  private final CredentialIssuer issuer;
  private final BuildPolicy policy;
  private final Clock clock;

  public RequestUploadCredentialsService(BuildRepository builds, CredentialIssuer issuer, BuildPolicy policy, Clock clock) {
    this.builds = builds;
    this.issuer = issuer;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public RequestUploadCredentialsResult requestUploadCredentials(RequestUploadCredentialsCommand command) {
    Build build = builds.find(command.caller(), command.build(), policy.homeRegion())
        .orElseThrow(() -> new BuildNotFoundException(command.build()));
    build.requireAwaitingUpload();
    CredentialLease lease = issuer.issueUploadLease(
        new UploadTarget(build.owner(), build.id(), build.storageLocation()), clock.instant());
    return new RequestUploadCredentialsResult(build.storageLocation(), lease);
  }
}
