package dev.hangar.bootstrap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.credential.Principal;
import dev.hangar.domain.failure.InvalidValueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Works out the API's principals at start-up: those given in code, in {@code --principals FILE} and in
 * {@code HANGAR_ACCESS_KEY_ID}/{@code HANGAR_SECRET_ACCESS_KEY}. With none, the node is never open: it
 * loads, or creates, {@code <data-dir>/credentials.env}, a shell file readable by its owner only that
 * exports the keys for the AWS CLI. Secrets are never printed.
 */
public final class PrincipalSource {
  public static final String GENERATED_FILE = "credentials.env";
  private static final String KEY_LINE = "export AWS_ACCESS_KEY_ID=";
  private static final String SECRET_LINE = "export AWS_SECRET_ACCESS_KEY=";
  private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final char[] SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  /** The principals a node authenticates, and where they came from when the node made them itself. */
  public record Resolved(List<Principal> principals, Optional<Path> generatedFile, boolean createdNow, List<String> warnings) {
    public Resolved {
      principals = List.copyOf(principals);
      warnings = List.copyOf(warnings);
    }
  }

  private PrincipalSource() {
  }

  public static Resolved resolve(ServiceConfig config, Clock clock) {
    if (config.insecureNoAuth()) {
      return new Resolved(List.of(), Optional.empty(), false, List.of());
    }
    List<Principal> principals = new ArrayList<>(config.principals());
    config.principalsFile().ifPresent(file -> principals.addAll(readFile(file)));
    Set<String> seen = new HashSet<>();
    for (Principal principal : principals) {
      if (!seen.add(principal.accessKeyId())) {
        throw new ConfigException("Access key id " + principal.accessKeyId() + " is configured twice");
      }
    }
    if (!principals.isEmpty()) {
      return new Resolved(principals, Optional.empty(), false, List.of());
    }
    Path file = config.dataDir().resolve(GENERATED_FILE);
    List<String> warnings = new ArrayList<>();
    boolean created = false;
    if (!Files.exists(file)) {
      created = create(file, config, clock);
    }
    warnIfShared(file, warnings);
    return new Resolved(List.of(readGenerated(file, config.accountId())), Optional.of(file), created, warnings);
  }

  private static List<Principal> readFile(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("Cannot read --principals " + file + ": " + (e instanceof java.io.FileNotFoundException
          || e instanceof java.nio.file.NoSuchFileException ? "no such file" : "not valid JSON"));
    }
    JsonNode list = root == null ? null : root.get("principals");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new ConfigException("--principals " + file + " must be {\"principals\":[{\"accountId\":…,\"accessKeyId\":…,\"secretAccessKey\":…}]}");
    }
    List<Principal> principals = new ArrayList<>();
    int index = 0;
    for (JsonNode entry : list) {
      String where = "--principals " + file + ", entry " + index++;
      if (!entry.isObject()) {
        throw new ConfigException(where + ": must be an object");
      }
      entry.fieldNames().forEachRemaining(name -> {
        if (!Set.of("accountId", "accessKeyId", "secretAccessKey").contains(name)) {
          throw new ConfigException(where + ": unknown member '" + name + "'");
        }
      });
      try {
        principals.add(new Principal(text(entry, "accessKeyId", where), text(entry, "secretAccessKey", where),
            new AccountId(text(entry, "accountId", where))));
      } catch (InvalidValueException e) {
        throw new ConfigException(where + ": " + e.field() + " " + e.constraint());
      }
    }
    return principals;
  }

  private static String text(JsonNode entry, String member, String where) {
    JsonNode value = entry.get(member);
    if (value == null || !value.isTextual()) {
      throw new ConfigException(where + ": '" + member + "' must be a string");
    }
    return value.asText();
  }

  /** New API keys for {@code account}: {@code AKIA} and 16 random letters and digits, a random 40-character secret. */
  public static Principal newPrincipal(AccountId account) {
    SecureRandom random = new SecureRandom();
    return new Principal("AKIA" + random(random, KEY_ALPHABET, 16), random(random, SECRET_ALPHABET, 40), account);
  }

  private static boolean create(Path file, ServiceConfig config, Clock clock) {
    Principal made = newPrincipal(config.accountId());
    String accessKeyId = made.accessKeyId();
    String secret = made.secretAccessKey();
    String content = "# Hangar API keys for account " + config.accountId() + ", created " + clock.instant() + ".\n"
        + "# Keep this file private. Load the keys into a shell for the AWS CLI with:  . " + file + "\n"
        + KEY_LINE + accessKeyId + "\n"
        + SECRET_LINE + secret + "\n"
        + "export AWS_DEFAULT_REGION=" + config.region() + "\n";
    try {
      Path dir = file.getParent();
      if (!Files.isDirectory(dir)) {
        if (supportsPosix(dir.getParent() == null ? dir : existingAncestor(dir))) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
      }
      Path temp = supportsPosix(dir)
          ? Files.createTempFile(dir, ".credentials", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : Files.createTempFile(dir, ".credentials", ".tmp");
      try {
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        // A rename within the folder, refused if another node created the file first (no clobbering).
        Files.move(temp, file);
      } finally {
        Files.deleteIfExists(temp);
      }
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new ConfigException("Cannot create " + file + " for the node's API keys: " + e.getMessage()
          + "; set --data-dir, or give principals with --principals or HANGAR_ACCESS_KEY_ID/HANGAR_SECRET_ACCESS_KEY");
    }
  }

  private static Principal readGenerated(Path file, AccountId account) {
    String accessKeyId = null;
    String secret = null;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith(KEY_LINE)) {
          accessKeyId = line.substring(KEY_LINE.length()).trim();
        } else if (line.startsWith(SECRET_LINE)) {
          secret = line.substring(SECRET_LINE.length()).trim();
        }
      }
      return new Principal(accessKeyId, secret, account);
    } catch (IOException | InvalidValueException e) {
      throw new ConfigException("Cannot use " + file + ": it must hold the lines '" + KEY_LINE + "…' and '" + SECRET_LINE
          + "…'; delete it to have a new one created");
    }
  }

  private static void warnIfShared(Path file, List<String> warnings) {
    try {
      if (supportsPosix(file)) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
          warnings.add(file + " can be read by other users (" + PosixFilePermissions.toString(permissions)
              + "); run: chmod 600 " + file);
        }
      }
    } catch (IOException e) {
      warnings.add("Cannot check the permissions of " + file + ": " + e.getMessage());
    }
  }

  private static Path existingAncestor(Path dir) {
    Path at = dir.toAbsolutePath();
    while (at != null && !Files.exists(at)) {
      at = at.getParent();
    }
    return at == null ? dir.toAbsolutePath().getRoot() : at;
  }

  private static boolean supportsPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static String random(SecureRandom random, char[] alphabet, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return new String(out);
  }
}
