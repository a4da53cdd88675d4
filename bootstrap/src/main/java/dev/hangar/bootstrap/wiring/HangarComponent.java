package dev.hangar.bootstrap.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.hangar.adapter.http.RootHandler;
import dev.hangar.application.port.in.ReconcileStorageUseCase;
import dev.hangar.application.port.out.UploadStore;
import dev.hangar.bootstrap.PrincipalSource;
import dev.hangar.bootstrap.ServiceConfig;
import java.time.Clock;
import javax.inject.Named;
import javax.inject.Singleton;

/** The one production component: a node's whole object graph, built from its configuration and a clock. */
@Singleton
@Component(modules = {UseCaseModule.class, HttpAdapterModule.class, AuthenticationModule.class, InMemoryAdapterModule.class,
    FileSystemAdapterModule.class, AwsAdapterModule.class, PortSelectionModule.class})
public interface HangarComponent {
  RootHandler rootHandler();

  /** Follows every request; holds the draining state of a graceful shutdown. */
  dev.hangar.adapter.http.observe.RequestObserver requestObserver();

  PrincipalSource.Resolved principals();

  /** The principals the node authenticates, to which the embedding API adds. */
  dev.hangar.adapter.inmemory.InMemoryPrincipalDirectory principalDirectory();

  UploadStore uploadStore();

  java.util.Optional<dev.hangar.bootstrap.ConsoleAccess> consoleAccess();

  dev.hangar.application.port.out.AccountLedger accountLedger();

  ReconcileStorageUseCase reconcileStorage();

  @Named("localStorage")
  AutoCloseable localStorage();

  @Component.Factory
  interface Factory {
    HangarComponent create(@BindsInstance ServiceConfig config, @BindsInstance Clock clock);
  }
}
