package dev.hangar.application.port.out;

import java.util.List;

/**
 * The keys that seal upload leases on a node that mints its own (memory, local). The first seals every new
 * lease; each of them opens a lease it sealed, so that a key can be rotated while the leases sealed by the
 * previous one run out.
 */
public interface LeaseKeys {
  /**
   * The keys, 32 bytes each, the sealing key first; never empty, the same on every call.
   *
   * @throws DependencyFailureException when the store cannot be read or written
   */
  List<byte[]> keys();
}
