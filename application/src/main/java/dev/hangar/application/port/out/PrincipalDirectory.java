package dev.hangar.application.port.out;

import dev.hangar.domain.credential.Principal;
import java.util.Optional;

/** The API's long-term keys: which account an access key id acts for, and its secret. */
public interface PrincipalDirectory {
  Optional<Principal> findByAccessKeyId(String accessKeyId);
}
