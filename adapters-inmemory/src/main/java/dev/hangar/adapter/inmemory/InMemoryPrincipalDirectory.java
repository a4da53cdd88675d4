package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.PrincipalDirectory;
import dev.hangar.domain.credential.Principal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A fixed set of principals, read once at start-up; access key ids are unique. */
public final class InMemoryPrincipalDirectory implements PrincipalDirectory {
  private final Map<String, Principal> byAccessKeyId;

  public InMemoryPrincipalDirectory(Collection<Principal> principals) {
    Map<String, Principal> map = new HashMap<>();
    for (Principal principal : principals) {
      if (map.put(principal.accessKeyId(), principal) != null) {
        throw new IllegalArgumentException("access key id " + principal.accessKeyId() + " is given twice");
      }
    }
    this.byAccessKeyId = Map.copyOf(map);
  }

  @Override
  public Optional<Principal> findByAccessKeyId(String accessKeyId) {
    return Optional.ofNullable(byAccessKeyId.get(accessKeyId));
  }
}
