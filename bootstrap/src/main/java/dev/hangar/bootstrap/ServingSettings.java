package dev.hangar.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a node serves and reports: TLS, plain HTTP off loopback, the log format, the access log, metrics, and how
 * long a graceful shutdown waits for requests in flight.
 *
 * @param tlsCert PEM certificate chain; with {@code tlsKey}, the port serves HTTPS instead of HTTP
 * @param tlsKey unencrypted PKCS#8 PEM private key (RSA or EC) of the chain's first certificate
 * @param insecureHttp accept binding a non-loopback address without TLS
 * @param logFormat the jar's log lines: {@code text} or one JSON object per line (the embedding API leaves logging
 *     to its host)
 * @param accessLog one line per request on the {@code hangar.access} logger
 * @param metrics the request and JVM metrics, and the scrape at {@code /_hangar/metrics}
 * @param shutdownGrace how long SIGTERM waits for requests in flight before the listener closes
 */
public record ServingSettings(Optional<Path> tlsCert, Optional<Path> tlsKey, boolean insecureHttp, LogFormat logFormat,
    boolean accessLog, boolean metrics, Duration shutdownGrace) {
  public static final Duration MAX_SHUTDOWN_GRACE = Duration.ofHours(1);

  /** The jar's log line formats. */
  public enum LogFormat {
    TEXT, JSON
  }

  public ServingSettings {
    Objects.requireNonNull(tlsCert, "tlsCert");
    Objects.requireNonNull(tlsKey, "tlsKey");
    Objects.requireNonNull(logFormat, "logFormat");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new ConfigException("--tls-cert and --tls-key go together: give both (HTTPS) or neither (HTTP)");
    }
    if (shutdownGrace.isNegative() || shutdownGrace.compareTo(MAX_SHUTDOWN_GRACE) > 0) {
      throw new ConfigException("--shutdown-grace must be between 0s and 1h, got " + ConfigOptions.format(shutdownGrace));
    }
  }

  /** HTTP, text logs, access log and metrics on, 30 s of grace. */
  public static ServingSettings defaults() {
    return new ServingSettings(Optional.empty(), Optional.empty(), false, LogFormat.TEXT, true, true, Duration.ofSeconds(30));
  }

  public boolean tls() {
    return tlsCert.isPresent();
  }
}
