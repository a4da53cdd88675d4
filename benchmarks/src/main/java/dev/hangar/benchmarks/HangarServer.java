package dev.hangar.benchmarks;

import dev.hangar.bootstrap.Hangar;
import dev.hangar.bootstrap.ServiceConfig;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * A Hangar node as the embedding API starts it, in memory on 127.0.0.1.
 *
 * <p>Usage: {@code java -cp hangar-benchmarks.jar dev.hangar.benchmarks.HangarServer <port> [hangar flags]}
 * (0 picks a free port). The flags and the {@code HANGAR_…} environment variables are the runnable jar's
 * ({@link ServiceConfig#parse}); run.sh gives the API keys in {@code HANGAR_ACCESS_KEY_ID} /
 * {@code HANGAR_SECRET_ACCESS_KEY}, or {@code --insecure-no-auth=true}. Prints
 * {@code listening on http://127.0.0.1:<port>} and runs until killed; run.sh creates the builds.
 */
public final class HangarServer {
  private HangarServer() {
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    String[] flags = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[0];
    ServiceConfig config = ServiceConfig.parse(flags, System.getenv()).withPort(port);
    if (!config.bindAddress().equals("127.0.0.1")) {
      throw new IllegalArgumentException("the benchmark serves on 127.0.0.1 only, not " + config.bindAddress());
    }
    dev.hangar.bootstrap.LogLines.install(config.serving().logFormat()); // the jar's log writer, so the access log costs what it costs there
    Hangar hangar = Hangar.start(config, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(hangar::close, "hangar-shutdown"));
    System.out.println("listening on " + hangar.endpoint());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
