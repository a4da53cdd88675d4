package dev.hangar.application.service;

import dev.hangar.application.port.in.CreateBuildCommand;
import dev.hangar.application.port.in.CreateBuildResult;
import dev.hangar.application.port.in.CreateBuildUseCase;
import dev.hangar.application.port.out.BuildIdGenerator;
import dev.hangar.application.port.out.AccountLedger;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildArchive;
import dev.hangar.domain.build.BuildDefinition;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.build.BuildPolicy;
import dev.hangar.domain.build.ServerSdkVersion;
import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.credential.UploadTarget;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

public final class CreateBuildService implements CreateBuildUseCase {
  private final BuildRepository builds;
  private final BuildStorage storage;
  private final CredentialIssuer issuer;
  private final BuildIdGenerator ids;
  private final BuildPolicy policy;
  private final AccountLedger ledger;
  private final Clock clock;

  public CreateBuildService(BuildRepository builds, BuildStorage storage, CredentialIssuer issuer, BuildIdGenerator ids,
      BuildPolicy policy, AccountLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.builds = builds;
    this.storage = storage;
    this.issuer = issuer;
    this.ids = ids;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * As on GameLift, an account over its byte limit, or holding its quota of builds, creates none: {@code
   * ConflictException}. The place in the quota is taken before the build is stored and given back if it is not.
   */
  @Override
  public CreateBuildResult createBuild(CreateBuildCommand command) {
    ledger.requireUnderByteLimit(command.caller());
    ledger.admitBuild(command.caller());
    try {
      return create(command);
    } catch (RuntimeException e) {
      ledger.buildGone(command.caller());
      throw e;
    }
  }

  private CreateBuildResult create(CreateBuildCommand command) {
    BuildDefinition definition = new BuildDefinition(command.name(), command.version(),
        command.operatingSystem().orElse(policy.defaultOperatingSystem()),
        command.serverSdkVersion().orElse(ServerSdkVersion.DEFAULT), command.tags());
    BuildId id = ids.next();
    Instant now = clock.instant();
    StorageLocation own = storage.locationFor(command.caller(), id);
    if (command.storageLocation().isPresent()) {
      // Files in a caller's bucket: copied in now, so the build is READY (or FAILED) from the start.
      StorageLocation callers = command.storageLocation().get();
      requireOwnedIfInServiceBucket(command, callers, own);
      StoredObject imported = storage.importObject(callers, own);
      Build build = Build.initialize(id, command.caller(), policy.homeRegion(), definition, callers, now)
          .acceptFiles(imported, BuildArchive.judge(storage.archiveEntries(own)));
      builds.add(build);
      ledger.changed(command.caller());
      return new CreateBuildResult(build, Optional.empty());
    }
    Build build = Build.initialize(id, command.caller(), policy.homeRegion(), definition, own, now);
    CredentialLease lease = issuer.issueUploadLease(new UploadTarget(command.caller(), id, own), now);
    builds.add(build);
    return new CreateBuildResult(build, Optional.of(lease));
  }

  /**
   * An object in the service's own bucket is a build's files: only the account that owns that build may take
   * them. Anything else there is as unavailable as a missing object (the same message, nothing revealed).
   */
  private void requireOwnedIfInServiceBucket(CreateBuildCommand command, StorageLocation source, StorageLocation own) {
    if (!source.bucket().equals(own.bucket())) {
      return;
    }
    boolean owned = storage.ownerOf(source.bucket(), source.key())
        .filter(owner -> owner.account().equals(command.caller()))
        .flatMap(owner -> builds.find(owner.account(), owner.buildId()))
        .isPresent();
    if (!owned) {
      throw new BuildStorage.ObjectUnavailableException("No object " + source.key() + " in bucket " + source.bucket());
    }
  }
}
