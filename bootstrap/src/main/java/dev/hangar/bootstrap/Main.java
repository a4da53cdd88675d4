package dev.hangar.bootstrap;

import java.time.Clock;
import java.util.Arrays;

/** {@code java -jar hangar.jar [--option value]...}: starts one node and serves until stopped. */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
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
    System.out.println("Hangar is serving the GameLift build API at " + hangar.endpoint()
        + " (region " + config.region() + ", account " + config.accountId() + ", backend " + config.adapters().name().toLowerCase(java.util.Locale.ROOT)
        + ": state is kept in memory and lost on exit)");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
