package dev.hangar.adapter.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.domain.build.AccountId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTokensTest {
  private final AccountId alice = new AccountId("111111111111");
  private final AccountId bob = new AccountId("222222222222");
  private final ConsoleTokens tokens = new ConsoleTokens(List.of(
      new ConsoleTokens.Entry(alice, "alice-token-0123456789"), new ConsoleTokens.Entry(bob, "bob-token-0123456789")));

  @Test
  void accountOf_eachTokenItsAccount_andNothingElse() {
    assertThat(tokens.accountOf("alice-token-0123456789")).contains(alice);
    assertThat(tokens.accountOf("bob-token-0123456789")).contains(bob);
    assertThat(tokens.accountOf("alice-token-012345678")).isEmpty();    // a prefix
    assertThat(tokens.accountOf("alice-token-01234567890")).isEmpty();  // longer
    assertThat(tokens.accountOf("")).isEmpty();
    assertThat(tokens.accountOf(null)).isEmpty();
  }

  @Test
  void entry_toStringHidesTheToken() {
    assertThat(new ConsoleTokens.Entry(alice, "alice-token-0123456789").toString()).doesNotContain("alice-token");
  }
}
