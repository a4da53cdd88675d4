package dev.hangar.bootstrap;

import dev.hangar.adapter.http.HttpEndpoint;
import dev.hangar.adapter.inmemory.InMemoryPrincipalDirectory;
import dev.hangar.application.port.in.ReconcileStorageUseCase;
import dev.hangar.application.port.out.UploadStore;
import dev.hangar.bootstrap.wiring.DaggerHangarComponent;
import dev.hangar.bootstrap.wiring.HangarComponent;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.credential.Principal;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * The embedding API: a running Hangar node inside your JVM.
 *
 * <pre>{@code
 * try (Hangar hangar = Hangar.start(ServiceConfig.defaults().withPort(0), Clock.systemUTC())) {
 *   URI endpoint = hangar.endpoint();   // point an AWS SDK's endpointOverride here
 * }
 * }</pre>
 */
public final class Hangar implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Hangar.class.getName());
  private final ServiceConfig config;
  private final HttpEndpoint endpoint;
  private final PrincipalSource.Resolved principals;
  private final AutoCloseable storage;
  private final UploadSweeper sweeper;
  private final InMemoryPrincipalDirectory directory;
  private final java.util.Optional<java.nio.file.Path> consoleLinks;
  private final dev.hangar.adapter.http.observe.RequestObserver observer;

  private Hangar(ServiceConfig config, HttpEndpoint endpoint, PrincipalSource.Resolved principals, AutoCloseable storage,
      UploadSweeper sweeper, InMemoryPrincipalDirectory directory, java.util.Optional<java.nio.file.Path> consoleLinks,
      dev.hangar.adapter.http.observe.RequestObserver observer) {
    this.consoleLinks = consoleLinks;
    this.observer = observer;
    this.directory = directory;
    this.config = config;
    this.endpoint = endpoint;
    this.principals = principals;
    this.storage = storage;
    this.sweeper = sweeper;
  }

  /** Wires a node from {@code config}, with {@code clock} as its only source of time, and starts serving. */
  public static Hangar start(ServiceConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    HangarComponent component = DaggerHangarComponent.factory().create(config, clock);
    PrincipalSource.Resolved principals = component.principals();
    UploadStore uploads = component.uploadStore();
    AutoCloseable storage = component.localStorage();
    HttpEndpoint endpoint;
    try {
      ReconcileStorageUseCase.Report reconciled = component.reconcileStorage().reconcileStorage();
      if (reconciled.buildsChanged() > 0 || reconciled.orphanObjectsDeleted() > 0) {
        LOG.log(System.Logger.Level.INFO, () -> "start-up reconciliation: " + reconciled.builds() + " build(s), "
            + reconciled.buildsChanged() + " brought up to date with their files, " + reconciled.orphanObjectsDeleted()
            + " object(s) no build owns deleted");
      }
      java.util.Optional<javax.net.ssl.SSLContext> tls = config.serving().tls()
          ? java.util.Optional.of(dev.hangar.adapter.http.tls.PemTls.serverContext(config.serving().tlsCert().get(),
              config.serving().tlsKey().get()))
          : java.util.Optional.empty();
      endpoint = HttpEndpoint.start(config.bindAddress(), config.port(), ioThreads(), workerThreads(), component.rootHandler(), tls);
      HttpEndpoint started = endpoint;
      try {
        component.consoleAccess().ifPresent(console -> console.write(started.uri()));
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
    } catch (RuntimeException e) {
      closeQuietly(storage);
      throw e;
    }
    Hangar hangar = new Hangar(config, endpoint, principals, storage, new UploadSweeper(uploads, component.accountLedger(), clock),
        component.principalDirectory(), component.consoleAccess().map(ConsoleAccess::file), component.requestObserver());
    return hangar;
  }

  /** The base URL of the API and the upload endpoint, e.g. {@code http://127.0.0.1:8088}. */
  public URI endpoint() {
    return endpoint.uri();
  }

  public ServiceConfig config() {
    return config;
  }

  /** The principals the node authenticates, and the file it keeps them in when it made them itself. */
  public PrincipalSource.Resolved principals() {
    return principals;
  }

  /**
   * Makes new API keys for {@code account} (an account no principal has yet is a new, empty one) and authenticates
   * them from now on, until the node stops; they are kept nowhere else. Refused on a node without authentication.
   */
  public Principal addPrincipal(AccountId account) {
    Objects.requireNonNull(account, "account");
    if (config.insecureNoAuth()) {
      throw new IllegalStateException("this node runs without authentication (--insecure-no-auth): it has no principals");
    }
    Principal principal = PrincipalSource.newPrincipal(account);
    directory.add(principal);
    return principal;
  }

  /** {@code <data-dir>/console-url}, where the console's links are, on the backends that have a console. */
  public java.util.Optional<java.nio.file.Path> consoleLinks() {
    return consoleLinks;
  }

  /** Removes the multipart uploads whose lease has expired now, rather than at the next periodic sweep. */
  public int removeExpiredUploads() {
    return sweeper.sweep();
  }

  /**
   * A graceful stop: the health check answers 503 at once and new requests 503 with {@code Connection: close}; the
   * requests in flight may finish for up to {@code grace}; then the listener and the stores close.
   *
   * @return true if every request in flight finished within the grace
   */
  public boolean shutdown(java.time.Duration grace) {
    observer.drain();
    boolean drained;
    try {
      drained = observer.awaitIdle(grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drained = false;
    }
    close();
    return drained;
  }

  /** Stops serving and releases the data folder; safe to call more than once. */
  @Override
  public void close() {
    endpoint.close();
    sweeper.close();
    closeQuietly(storage);
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      // Closing twice, or a lock already released: nothing more to do.
    }
  }

  static int ioThreads() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  static int workerThreads() {
    return Math.max(16, Runtime.getRuntime().availableProcessors() * 8);
  }
}
