package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.PrincipalDirectory;
import dev.hangar.domain.credential.Principal;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The principals read at start-up, and those an embedding program adds while the node runs ({@link #add}); access
 * key ids are unique. Lookups take no lock.
 */
public final class InMemoryPrincipalDirectory implements PrincipalDirectory {
  private final ConcurrentHashMap<String, Principal> byAccessKeyId = new ConcurrentHashMap<>();

  public InMemoryPrincipalDirectory(Collection<Principal> principals) {
    principals.forEach(this::add);
  }

  /** Authenticates {@code principal} from now on; refused when its access key id is already known. */
  public void add(Principal principal) {
    if (byAccessKeyId.putIfAbsent(principal.accessKeyId(), principal) != null) {
      throw new IllegalArgumentException("access key id " + principal.accessKeyId() + " is given twice");
    }
  }

  @Override
  public Optional<Principal> findByAccessKeyId(String accessKeyId) {
    return Optional.ofNullable(byAccessKeyId.get(accessKeyId));
  }
}
