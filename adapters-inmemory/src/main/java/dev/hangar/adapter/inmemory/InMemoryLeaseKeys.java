package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.LeaseKeys;
import java.security.SecureRandom;
import java.util.List;

/** The lease key of a node that keeps nothing: drawn when the node starts; its leases end with it. */
public final class InMemoryLeaseKeys implements LeaseKeys {
  private final byte[] key = new byte[32];

  public InMemoryLeaseKeys() {
    new SecureRandom().nextBytes(key);
  }

  @Override
  public List<byte[]> keys() {
    return List.of(key.clone());
  }
}
