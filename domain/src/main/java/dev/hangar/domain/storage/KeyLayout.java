package dev.hangar.domain.storage;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.failure.InvalidValueException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a build's object key is made from its account and id, e.g. {@code {account}/{buildId}} (GameLift's
 * own layout) or {@code builds/{account}/{buildId}.zip}; and back, from a key to the build it belongs to.
 */
public final class KeyLayout {
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9/._-]*");
  public static final KeyLayout GAMELIFT = new KeyLayout("{account}/{buildId}");

  private final String template;
  private final Pattern parser;

  public KeyLayout(String template) {
    if (template == null || count(template, "{account}") != 1 || count(template, "{buildId}") != 1) {
      throw new InvalidValueException("KeyLayout", template, "must contain {account} and {buildId} exactly once");
    }
    String literals = template.replace("{account}", "").replace("{buildId}", "");
    if (!LITERAL.matcher(literals).matches() || template.startsWith("/") || template.contains("//")) {
      throw new InvalidValueException("KeyLayout", template,
          "may hold only letters, digits and / . _ - around the placeholders, and must not start with / or hold //");
    }
    this.template = template;
    this.parser = Pattern.compile(Pattern.quote(template)
        .replace("{account}", "\\E(?<account>\\d{12})\\Q")
        .replace("{buildId}", "\\E(?<build>build-[^/\\s]+)\\Q"));
  }

  public ObjectKey keyFor(AccountId account, BuildId id) {
    return new ObjectKey(template.replace("{account}", account.value()).replace("{buildId}", id.value()));
  }

  /** The account and build a key belongs to, when it has this layout's shape. */
  public Optional<Owner> ownerOf(ObjectKey key) {
    Matcher m = parser.matcher(key.value());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Owner(new AccountId(m.group("account")), new BuildId(m.group("build"))));
  }

  public String template() {
    return template;
  }

  /** The account and build a key was made for. */
  public record Owner(AccountId account, BuildId buildId) {
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  @Override
  public String toString() {
    return template;
  }
}
