package dev.hangar.application.service;

import dev.hangar.application.port.in.AccountOverview;
import dev.hangar.application.port.in.AccountOverviewUseCase;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.UploadStore;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.storage.StorageLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The console's view of an account, read from the catalog and the upload store; changes nothing. */
public final class AccountOverviewService implements AccountOverviewUseCase {
  private final BuildRepository builds;
  private final UploadStore uploads;

  public AccountOverviewService(BuildRepository builds, UploadStore uploads) {
    this.builds = builds;
    this.uploads = uploads;
  }

  @Override
  public AccountOverview overview(AccountId account) {
    BuildRepository.Page page = builds.list(account, Optional.empty(), Optional.empty(), AccountOverview.MAX_BUILDS);
    Map<StorageLocation, Long> pending = uploads.pendingBytes();
    List<AccountOverview.UploadInProgress> inProgress = new ArrayList<>();
    for (Build build : page.builds()) {
      Long bytes = pending.get(build.storageLocation());
      if (bytes != null) {
        inProgress.add(new AccountOverview.UploadInProgress(build.id(), bytes));
      }
    }
    return new AccountOverview(page.builds(), page.more(), inProgress);
  }
}
