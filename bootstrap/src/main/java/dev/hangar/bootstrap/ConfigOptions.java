package dev.hangar.bootstrap;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.OperatingSystem;
import dev.hangar.domain.build.Region;
import dev.hangar.domain.failure.InvalidValueException;
import dev.hangar.domain.storage.BucketName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The table of Hangar's options: flag, environment variable, default, bounds, and how to read each. */
final class ConfigOptions {
  private record Option(String flag, String defaultValue, String help, boolean isSwitch) {
    Option(String flag, String defaultValue, String help) {
      this(flag, defaultValue, help, false);
    }

    String env() {
      return "HANGAR_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
    }
  }

  private static final List<Option> OPTIONS = List.of(
      new Option("port", "8088", "TCP port to listen on, 0..65535 (0 picks a free one)"),
      new Option("bind", "127.0.0.1", "address to bind; 0.0.0.0 listens on every interface"),
      new Option("region", "us-west-2", "the AWS region this node answers for (build ARNs, SigV4 scope)"),
      new Option("account-id", "123456789012", "the twelve-digit account that owns builds created here"),
      new Option("credential-lifetime", "1h", "lifetime of upload credentials, 15m..12h (e.g. 900s, 30m, 1h)"),
      new Option("default-operating-system", "AMAZON_LINUX_2023",
          "OperatingSystem of a build created without one; one of " + List.of(OperatingSystem.values())),
      new Option("data-dir", defaultDataDir(), "folder for Hangar's files"),
      new Option("bucket", "hangar-builds", "name of the bucket that build files are uploaded to (no dots)"),
      new Option("backend", "local", "where state lives: local (one node, durable: SQLite and files in --data-dir), memory (one node, lost on exit) or aws (S3 + STS, shared by any number of nodes)"),
      new Option("upload-role-arn", "", "with --backend aws: the IAM role upload credentials are issued for (AssumeRole)"),
      new Option("upload-duration", "1h", "with --backend aws: lifetime of upload credentials, 900s..43200s"),
      new Option("s3-endpoint", "", "with --backend aws: S3 endpoint override, for emulators (e.g. http://127.0.0.1:5000)"),
      new Option("sts-endpoint", "", "with --backend aws: STS endpoint override, for emulators"),
      new Option("s3-path-style", "false", "with --backend aws: path-style S3 addressing (emulators)", true),
      new Option("principals", "", "JSON file of API principals: {\"principals\":[{\"accountId\",\"accessKeyId\",\"secretAccessKey\"}]}"),
      new Option("max-part-size", "5g", "largest multipart part accepted, 5m..5g (suffix k, m, g)"),
      new Option("max-object-size", "5g", "largest build object accepted, in bytes or with k, m, g, t"),
      new Option("max-account-size", "100g", "most bytes one account's builds and uploads in progress may take (memory, local)"),
      new Option("max-builds-per-account", "1000", "most builds one account may hold, GameLift's default quota (memory, local)"),
      new Option("max-open-uploads-per-build", "100", "most multipart uploads open at once on one build"),
      new Option("key-layout", "{account}/{buildId}", "object key of a build's zip in --bucket; {account} and {buildId} once each"),
      new Option("insecure-no-auth", "false", "accept every API call without authentication, as --account-id (throwaway tests only)", true),
      new Option("tls-cert", "", "PEM certificate chain (server's first): with --tls-key, the port serves HTTPS instead of HTTP"),
      new Option("tls-key", "", "unencrypted PKCS#8 PEM private key (BEGIN PRIVATE KEY), RSA or EC, of --tls-cert"),
      new Option("insecure-http", "false", "allow plain HTTP on a non-loopback --bind (upload credentials then cross the network in clear)", true),
      new Option("log-format", "text", "log lines on standard error: text, or json (one object per line)"),
      new Option("access-log", "true", "one log line per request (hangar.access): true or false"),
      new Option("metrics", "true", "request and JVM metrics at GET /_hangar/metrics (Prometheus text format): true or false"),
      new Option("shutdown-grace", "30s", "on SIGTERM, how long requests in flight may take before the listener closes, 0s..1h"));

  /** Environment-only: a secret never goes on a command line, where every user of the machine can read it. */
  static final String ACCESS_KEY_ID_ENV = "HANGAR_ACCESS_KEY_ID";
  static final String SECRET_ACCESS_KEY_ENV = "HANGAR_SECRET_ACCESS_KEY";

  private ConfigOptions() {
  }

  /** {@code $HOME/.hangar}: the shell's HOME, which the JVM's user.home (read from the password file) may not be. */
  private static String defaultDataDir() {
    String home = System.getenv("HOME");
    return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home", "."), ".hangar").toString();
  }

  /** The embedding API's default: everything as the jar's, but in memory (nothing kept after close). */
  static ServiceConfig defaults() {
    return parse(new String[0], Map.of()).toBuilder().adapters(AdapterMode.MEMORY).build();
  }

  static ServiceConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Option option : OPTIONS) {
      values.put(option.flag(), env.getOrDefault(option.env(), option.defaultValue()));
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new ConfigException("Unexpected argument '" + arg + "'; options start with --, see --help");
      }
      String name = arg.substring(2);
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (isSwitch(name)) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new ConfigException("--" + name + " needs a value");
      }
      if (!values.containsKey(name)) {
        throw new ConfigException("Unknown option --" + name + "; see --help");
      }
      values.put(name, value);
    }
    ServiceConfig config = new ServiceConfig(
        values.get("bind"),
        read("port", values, ConfigOptions::parsePort),
        read("region", values, Region::new),
        read("account-id", values, AccountId::new),
        read("credential-lifetime", values, ConfigOptions::parseDuration),
        read("default-operating-system", values, v -> OperatingSystem.parse("default-operating-system", v)),
        read("data-dir", values, Path::of),
        read("bucket", values, BucketName::new),
        read("backend", values, ConfigOptions::parseBackend),
        values.get("principals").isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(values.get("principals"))),
        List.of(),
        read("insecure-no-auth", values, ConfigOptions::parseBoolean),
        uploadLimits(values),
        read("key-layout", values, dev.hangar.domain.storage.KeyLayout::new),
        new AwsSettings(
            optional(values, "upload-role-arn", dev.hangar.domain.storage.RoleArn::new),
            read("upload-duration", values, ConfigOptions::parseDuration),
            optional(values, "s3-endpoint", ConfigOptions::parseEndpoint),
            optional(values, "sts-endpoint", ConfigOptions::parseEndpoint),
            read("s3-path-style", values, ConfigOptions::parseBoolean)),
        new ServingSettings(
            optional(values, "tls-cert", Path::of),
            optional(values, "tls-key", Path::of),
            read("insecure-http", values, ConfigOptions::parseBoolean),
            read("log-format", values, ConfigOptions::parseLogFormat),
            read("access-log", values, ConfigOptions::parseBoolean),
            read("metrics", values, ConfigOptions::parseBoolean),
            read("shutdown-grace", values, ConfigOptions::parseDuration)));
    return withEnvironmentPrincipal(config, env);
  }

  private static ServiceConfig withEnvironmentPrincipal(ServiceConfig config, Map<String, String> env) {
    String accessKeyId = env.get(ACCESS_KEY_ID_ENV);
    String secret = env.get(SECRET_ACCESS_KEY_ENV);
    if (accessKeyId == null && secret == null) {
      return config;
    }
    if (accessKeyId == null || secret == null) {
      throw new ConfigException(ACCESS_KEY_ID_ENV + " and " + SECRET_ACCESS_KEY_ENV + " go together: set both or neither");
    }
    try {
      return config.toBuilder().addPrincipal(new dev.hangar.domain.credential.Principal(accessKeyId, secret, config.accountId())).build();
    } catch (InvalidValueException e) {
      throw new ConfigException("Invalid " + (e.field().equals("accessKeyId") ? ACCESS_KEY_ID_ENV : SECRET_ACCESS_KEY_ENV) + ": " + e.constraint());
    }
  }

  private static dev.hangar.domain.storage.UploadLimits uploadLimits(Map<String, String> values) {
    long part = read("max-part-size", values, ConfigOptions::parseSize);
    long object = read("max-object-size", values, ConfigOptions::parseSize);
    long account = read("max-account-size", values, ConfigOptions::parseSize);
    if (part < dev.hangar.domain.storage.MultipartUpload.MIN_PART_SIZE || part > 5L * 1024 * 1024 * 1024) {
      throw new ConfigException("--max-part-size must be between 5m and 5g");
    }
    if (account < object) {
      throw new ConfigException("--max-account-size must be at least --max-object-size");
    }
    int builds = read("max-builds-per-account", values, v -> parseCount(v, 10_000_000));
    int openUploads = read("max-open-uploads-per-build", values, v -> parseCount(v, 10_000));
    return new dev.hangar.domain.storage.UploadLimits(part, object, account, builds, openUploads);
  }

  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kmgt]?)", Pattern.CASE_INSENSITIVE);

  static long parseSize(String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a number of bytes, or a number with k, m, g or t (powers of 1024)");
    }
    long amount = Long.parseLong(m.group(1));
    int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> 0;
    };
    if (amount < 1 || Long.numberOfLeadingZeros(amount) <= shift) {
      throw new IllegalArgumentException("must be at least 1 byte and fit in 63 bits");
    }
    return amount << shift;
  }

  private static int parseCount(String value, int max) {
    int count;
    try {
      count = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number");
    }
    if (count < 1 || count > max) {
      throw new IllegalArgumentException("must be between 1 and " + max);
    }
    return count;
  }

  private static boolean isSwitch(String name) {
    return OPTIONS.stream().anyMatch(option -> option.flag().equals(name) && option.isSwitch());
  }

  private static boolean parseBoolean(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no", "" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  private static <T> T read(String flag, Map<String, String> values, Function<String, T> parse) {
    String value = values.get(flag);
    try {
      return parse.apply(value);
    } catch (InvalidValueException | IllegalArgumentException e) {
      String detail = e instanceof InvalidValueException invalid ? invalid.constraint() : e.getMessage();
      throw new ConfigException("Invalid --" + flag + " '" + value + "': " + detail);
    }
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a port number");
    }
  }

  private static ServingSettings.LogFormat parseLogFormat(String value) {
    return switch (value) {
      case "text" -> ServingSettings.LogFormat.TEXT;
      case "json" -> ServingSettings.LogFormat.JSON;
      default -> throw new IllegalArgumentException("must be text or json");
    };
  }

  private static AdapterMode parseBackend(String value) {
    return switch (value) {
      case "local" -> AdapterMode.LOCAL;
      case "memory" -> AdapterMode.MEMORY;
      case "aws" -> AdapterMode.AWS;
      default -> throw new IllegalArgumentException("must be local, memory or aws");
    };
  }

  private static <T> java.util.Optional<T> optional(Map<String, String> values, String flag, Function<String, T> parse) {
    return values.get(flag).isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(read(flag, values, parse));
  }

  private static java.net.URI parseEndpoint(String value) {
    java.net.URI uri = java.net.URI.create(value);
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("must be an http or https URL");
    }
    return uri;
  }

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smh]?)");

  static Duration parseDuration(String value) {
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a number of seconds or a number with s, m or h (e.g. 900s, 30m, 1h)");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  static String format(Duration duration) {
    return duration.toSeconds() + "s";
  }

  static String usage() {
    StringBuilder out = new StringBuilder();
    out.append("Usage: java -jar hangar.jar [--option value]...\n\n")
        .append("Hangar serves the Amazon GameLift build API (and, for uploads, S3) on one port.\n")
        .append("Every option can also be set with its environment variable; a flag wins over the variable.\n\n");
    for (Option option : OPTIONS) {
      out.append(String.format("  --%-26s %s%n  %-28s default: %s; env %s%n", option.flag(), option.help(), "",
          option.defaultValue().isEmpty() ? "(none)" : option.defaultValue(), option.env()));
    }
    out.append(String.format("  %-28s with %s, one API principal in --account-id (environment only)%n",
        ACCESS_KEY_ID_ENV, SECRET_ACCESS_KEY_ENV));
    out.append(String.format("  %-28s without any principal, Hangar creates one in --data-dir (credentials.env, owner-only)%n", ""));
    out.append("  --help                       print this and exit\n\n");
    out.append("Commands (against a local node's --data-dir):\n");
    out.append("  backup --to <folder>         copy the data folder while the node runs; start a node on the copy\n");
    out.append("  rotate-lease-key             new key for sealing upload leases (the previous one still opens its leases);\n");
    out.append("                               used from the node's next start\n");
    return out.toString();
  }
}
