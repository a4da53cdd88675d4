package dev.hangar.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.failure.InvalidValueException;
import org.junit.jupiter.api.Test;

class PrincipalTest {
  private static final AccountId ACCOUNT = new AccountId("123456789012");

  @Test
  void toString_neverShowsTheSecret() {
    Principal principal = new Principal("AKIAEXAMPLE123", "super-secret-value", ACCOUNT);
    assertThat(principal.toString()).contains("AKIAEXAMPLE123").contains("123456789012").doesNotContain("super-secret");
  }

  @Test
  void constructor_badSecret_refusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> new Principal("AKIAEXAMPLE123", "short", ACCOUNT)).isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short"));
    assertThatThrownBy(() -> new Principal("AKIAEXAMPLE123", "has a space in it", ACCOUNT)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void constructor_badAccessKeyId_refused() {
    assertThatThrownBy(() -> new Principal("AK", "long-enough-secret", ACCOUNT)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new Principal("AKIA/EXAMPLE", "long-enough-secret", ACCOUNT)).isInstanceOf(InvalidValueException.class);
  }
}
