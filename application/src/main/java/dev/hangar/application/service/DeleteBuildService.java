package dev.hangar.application.service;

import dev.hangar.application.port.in.BuildNotFoundException;
import dev.hangar.application.port.in.DeleteBuildCommand;
import dev.hangar.application.port.in.DeleteBuildUseCase;
import dev.hangar.application.port.out.AccountLedger;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildPolicy;

public final class DeleteBuildService implements DeleteBuildUseCase {
  private final BuildRepository builds;
  private final BuildStorage storage;
  private final BuildPolicy policy;
  private final AccountLedger ledger;

  public DeleteBuildService(BuildRepository builds, BuildStorage storage, BuildPolicy policy, AccountLedger ledger) {
    this.ledger = ledger;
    this.builds = builds;
    this.storage = storage;
    this.policy = policy;
  }

  @Override
  public void deleteBuild(DeleteBuildCommand command) {
    ledger.track(command.caller());
    Build removed = command.build().resolveIn(policy.homeRegion())
        .flatMap(id -> builds.remove(command.caller(), id))
        .orElseThrow(() -> new BuildNotFoundException(command.build()));
    // The build's files are always in the service's storage (a caller's object is copied in at creation).
    ledger.buildGone(removed.owner());
    storage.deleteFiles(storage.locationFor(removed.owner(), removed.id()));
    ledger.changed(removed.owner());
  }
}
