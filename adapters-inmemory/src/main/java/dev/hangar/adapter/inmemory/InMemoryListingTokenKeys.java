package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.ListingTokenKeys;
import java.security.SecureRandom;

/** The listing-token key of a node alone: drawn once, when the node starts, and kept in memory. */
public final class InMemoryListingTokenKeys implements ListingTokenKeys {
  private final byte[] key = new byte[32];

  public InMemoryListingTokenKeys() {
    new SecureRandom().nextBytes(key);
  }

  @Override
  public byte[] key() {
    return key.clone();
  }
}
