package dev.hangar.bootstrap;

import java.time.Clock;
import java.util.Arrays;

/** {@code java -jar hangar.jar [--option value]...}: starts one node and serves until stopped. */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(BackupCommand.NAME)) {
      System.exit(BackupCommand.run(args, System.getenv()));
      return;
    }
    if (args.length > 0 && args[0].equals(RotateLeaseKeyCommand.NAME)) {
      System.exit(RotateLeaseKeyCommand.run(args, System.getenv()));
      return;
    }
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(ConfigOptions.usage());
      return;
    }
    ServiceConfig config;
    try {
      config = ServiceConfig.parse(args, System.getenv());
    } catch (ConfigException e) {
      System.err.println("hangar: " + e.getMessage());
      System.exit(2);
      return;
    }
    Hangar hangar;
    try {
      hangar = Hangar.start(config, Clock.systemUTC());
    } catch (RuntimeException e) {
      System.err.println("hangar: cannot start on " + config.bindAddress() + ":" + config.port() + ": " + rootMessage(e));
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(hangar::close, "hangar-shutdown"));
    System.out.println("Hangar is serving the GameLift build API at " + hangar.endpoint() + " (region " + config.region() + ", "
        + switch (config.adapters()) {
          case AWS -> "backend aws: state in s3://" + config.bucket() + ", leases from STS";
          case LOCAL -> "backend local: state kept in " + config.dataDir() + " (hangar.db and storage/)";
          case MEMORY -> "backend memory: state is kept in memory and lost on exit";
        } + ")");
    describeAuthentication(config, hangar.principals());
    hangar.consoleLinks().ifPresent(file -> System.out.println("Console: the link for each account is in " + file
        + " (readable by you only)."));
  }

  private static void describeAuthentication(ServiceConfig config, PrincipalSource.Resolved principals) {
    if (config.insecureNoAuth()) {
      System.err.println("WARNING: --insecure-no-auth: authentication is OFF. Every request to " + config.bindAddress()
          + ":" + config.port() + " acts as account " + config.accountId() + " and can read and change every build.");
      System.err.println("WARNING: use this only for throwaway tests, never on a shared or reachable address.");
      return;
    }
    principals.warnings().forEach(warning -> System.err.println("WARNING: " + warning));
    if (principals.generatedFile().isPresent()) {
      java.nio.file.Path file = principals.generatedFile().get();
      System.out.println((principals.createdNow() ? "No principal was configured, so Hangar created API keys" : "API keys")
          + " for account " + config.accountId() + " in " + file + " (readable by you only).");
      System.out.println("Load them for the AWS CLI with:  . " + file);
    } else {
      long accounts = principals.principals().stream().map(p -> p.account()).distinct().count();
      System.out.println("Authentication: SigV4 with " + principals.principals().size() + " principal(s) in " + accounts + " account(s).");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
