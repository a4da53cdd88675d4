package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;

/** What the console shows of one account: its builds and its uploads in progress. */
public interface AccountOverviewUseCase {
  AccountOverview overview(AccountId account);
}
