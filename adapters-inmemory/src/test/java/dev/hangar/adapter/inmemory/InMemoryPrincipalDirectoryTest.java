package dev.hangar.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.credential.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryPrincipalDirectoryTest {
  private final Principal alice = new Principal("AKIAALICE0000001", "alice-secret-1234", new AccountId("111111111111"));
  private final Principal bob = new Principal("AKIABOB000000002", "bob-secret-12345", new AccountId("222222222222"));

  @Test
  void findByAccessKeyId_knownAndUnknown() {
    InMemoryPrincipalDirectory directory = new InMemoryPrincipalDirectory(List.of(alice, bob));
    assertThat(directory.findByAccessKeyId("AKIABOB000000002")).contains(bob);
    assertThat(directory.findByAccessKeyId("AKIANOBODY000000")).isEmpty();
  }

  @Test
  void constructor_duplicateKey_refused() {
    Principal twin = new Principal(alice.accessKeyId(), "another-secret-99", alice.account());
    assertThatThrownBy(() -> new InMemoryPrincipalDirectory(List.of(alice, twin))).hasMessageContaining(alice.accessKeyId());
  }

  @Test
  void add_authenticatesFromThenOn_andRefusesAKnownKey() {
    InMemoryPrincipalDirectory directory = new InMemoryPrincipalDirectory(List.of(alice));
    assertThat(directory.findByAccessKeyId(bob.accessKeyId())).isEmpty();
    directory.add(bob);
    assertThat(directory.findByAccessKeyId(bob.accessKeyId())).contains(bob);
    Principal twin = new Principal(bob.accessKeyId(), "another-secret-99", alice.account());
    assertThatThrownBy(() -> directory.add(twin)).hasMessageContaining(bob.accessKeyId());
    assertThat(directory.findByAccessKeyId(bob.accessKeyId())).contains(bob);
  }
}
