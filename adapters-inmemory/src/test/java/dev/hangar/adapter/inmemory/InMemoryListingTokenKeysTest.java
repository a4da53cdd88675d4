package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.ListingTokenKeys;
import dev.hangar.application.port.out.ListingTokenKeysContractTest;

class InMemoryListingTokenKeysTest extends ListingTokenKeysContractTest {
  @Override
  protected ListingTokenKeys keys() {
    return new InMemoryListingTokenKeys();
  }

  /** The store is the instance itself. */
  @Override
  protected ListingTokenKeys sharing(ListingTokenKeys keys) {
    return keys;
  }
}
