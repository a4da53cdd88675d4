package dev.hangar.adapter.http.console;

import dev.hangar.domain.build.AccountId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's tokens, one per account. A token is compared with every known one in constant time (there are as
 * many as the node's accounts), so neither a match's position nor a prefix can be timed.
 */
public final class ConsoleTokens {
  /** One account's token. Its {@link #toString()} never shows the token. */
  public record Entry(AccountId account, String token) {
    public Entry {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "Entry[account=" + account + ", token=****]";
    }
  }

  private final List<Entry> entries;

  public ConsoleTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The account that {@code presented} is the token of. */
  public Optional<AccountId> accountOf(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] given = presented.getBytes(StandardCharsets.UTF_8);
    AccountId found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(given, entry.token().getBytes(StandardCharsets.UTF_8))) {
        found = entry.account();
      }
    }
    return Optional.ofNullable(found);
  }
}
