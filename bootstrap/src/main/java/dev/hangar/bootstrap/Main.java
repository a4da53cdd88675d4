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
    LogLines.install(config.serving().logFormat());
    Hangar hangar;
    try {
      hangar = Hangar.start(config, Clock.systemUTC());
    } catch (RuntimeException e) {
      System.err.println("hangar: cannot start on " + config.bindAddress() + ":" + config.port() + ": " + rootMessage(e));
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(hangar::close, "hangar-shutdown"));
    stopGracefullyOn(hangar, config.serving().shutdownGrace(), "TERM", "INT");
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

  /** Exit status after SIGTERM or SIGINT once every request in flight has finished. */
  public static final int EXIT_STOPPED = 0;
  /** Exit status after SIGTERM or SIGINT when --shutdown-grace ran out with requests still in flight (they were cut). */
  public static final int EXIT_GRACE_EXPIRED = 3;

  /**
   * On each signal: drain (health 503, new requests 503), wait for the requests in flight up to {@code grace}, close
   * the listener and the stores, and exit with {@link #EXIT_STOPPED} or {@link #EXIT_GRACE_EXPIRED}. A second signal
   * during the drain changes nothing.
   */
  @SuppressWarnings("removal")
  private static void stopGracefullyOn(Hangar hangar, java.time.Duration grace, String... signals) {
    java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
    sun.misc.SignalHandler handler = signal -> {
      if (!stopping.compareAndSet(false, true)) {
        return;
      }
      Thread stopper = new Thread(() -> {
        System.Logger log = System.getLogger(Main.class.getName());
        log.log(System.Logger.Level.INFO, () -> "SIG" + signal.getName() + ": draining; requests in flight have up to "
            + grace.toSeconds() + "s");
        boolean drained = hangar.shutdown(grace);
        log.log(System.Logger.Level.INFO, () -> drained ? "stopped: every request in flight finished"
            : "stopped: the grace period ran out with requests in flight");
        LogLines.flushAll();
        System.exit(drained ? EXIT_STOPPED : EXIT_GRACE_EXPIRED);
      }, "hangar-drain");
      stopper.setDaemon(false); // the signal's thread is a daemon: without this the JVM would end when the listener stops
      stopper.start();
    };
    for (String signal : signals) {
      sun.misc.Signal.handle(new sun.misc.Signal(signal), handler);
    }
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
