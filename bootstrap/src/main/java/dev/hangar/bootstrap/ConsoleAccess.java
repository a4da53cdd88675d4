package dev.hangar.bootstrap;

import dev.hangar.adapter.http.console.ConsoleHandler;
import dev.hangar.adapter.http.console.ConsoleTokens;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.credential.Principal;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The console's tokens, one per account the node serves, kept in {@code <data-dir>/console-url} ({@code 0600}, one
 * line per account: {@code <account-id> <url>}) so that a link stays valid across restarts. A token is 32 random
 * bytes, base64url; the file is the only place it is written: never a log, never the output.
 */
public final class ConsoleAccess {
  public static final String FILE = "console-url";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final Map<AccountId, String> tokens;

  private ConsoleAccess(Path file, Map<AccountId, String> tokens) {
    this.file = file;
    this.tokens = tokens;
  }

  /** The tokens of the accounts of {@code principals} (or of the configured account, without authentication). */
  public static ConsoleAccess load(ServiceConfig config, List<Principal> principals) {
    Path file = config.dataDir().resolve(FILE);
    Map<AccountId, String> known = read(file);
    TreeSet<String> accounts = new TreeSet<>();
    principals.forEach(principal -> accounts.add(principal.account().value()));
    if (accounts.isEmpty()) {
      accounts.add(config.accountId().value());
    }
    Map<AccountId, String> tokens = new LinkedHashMap<>();
    for (String account : accounts) {
      AccountId id = new AccountId(account);
      tokens.put(id, known.getOrDefault(id, newToken()));
    }
    return new ConsoleAccess(file, tokens);
  }

  public ConsoleTokens tokens() {
    List<ConsoleTokens.Entry> entries = new ArrayList<>();
    tokens.forEach((account, token) -> entries.add(new ConsoleTokens.Entry(account, token)));
    return new ConsoleTokens(entries);
  }

  public Path file() {
    return file;
  }

  /** Writes the file with each account's link on {@code endpoint} (atomically, {@code 0600}). */
  public void write(URI endpoint) {
    String base = endpoint.getHost().equals("0.0.0.0") || endpoint.getHost().equals("::")
        ? endpoint.getScheme() + "://127.0.0.1:" + endpoint.getPort()
        : endpoint.toString().replaceAll("/+$", "");
    StringBuilder content = new StringBuilder();
    tokens.forEach((account, token) -> content.append(account.value()).append(' ').append(base).append(ConsoleHandler.PATH)
        .append("?token=").append(token).append('\n'));
    try {
      Path dir = file.getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".console-url", ".tmp", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new ConfigException("Cannot write the console's links to " + file + ": " + e.getMessage());
    }
  }

  private static Map<AccountId, String> read(Path file) {
    Map<AccountId, String> tokens = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return tokens;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] fields = line.trim().split(" ");
        int at = fields.length == 2 ? fields[1].indexOf("?token=") : -1;
        if (at < 0 || !fields[0].matches("\\d{12}")) {
          continue; // not a line this node wrote: a new token replaces it
        }
        String token = fields[1].substring(at + "?token=".length());
        if (token.matches("[A-Za-z0-9_-]{43}")) {
          tokens.put(new AccountId(fields[0]), token);
        }
      }
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage());
    }
    return tokens;
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
