package dev.hangar.adapter.http;

import dev.hangar.domain.build.AccountId;
import java.util.Objects;

/** Who made an API call, as authentication established it. */
public record Caller(AccountId account) {
  public Caller {
    Objects.requireNonNull(account, "account");
  }
}
