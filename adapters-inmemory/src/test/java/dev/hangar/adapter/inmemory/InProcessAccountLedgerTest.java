package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.AccountLedger;
import dev.hangar.application.port.out.AccountLedgerContractTest;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.UploadStore;
import dev.hangar.domain.storage.UploadLimits;

class InProcessAccountLedgerTest extends AccountLedgerContractTest {
  @Override
  protected AccountLedger ledger(BuildRepository builds, BuildStorage storage, UploadStore uploads, UploadLimits limits) {
    return new InProcessAccountLedger(builds, storage, uploads, limits);
  }
}
