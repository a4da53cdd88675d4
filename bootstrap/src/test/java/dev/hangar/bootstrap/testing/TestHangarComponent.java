package dev.hangar.bootstrap.testing;

import dagger.BindsInstance;
import dagger.Component;
import dev.hangar.adapter.http.RootHandler;
import dev.hangar.adapter.inmemory.InMemoryBuildRepository;
import dev.hangar.application.port.out.LeaseLookup;
import dev.hangar.bootstrap.ServiceConfig;
import dev.hangar.adapter.filesystem.FileSystemBuildStorage;
import dev.hangar.adapter.filesystem.FileSystemUploadStore;
import dev.hangar.adapter.filesystem.StorageFolder;
import dev.hangar.bootstrap.wiring.AuthenticationModule;
import dev.hangar.bootstrap.wiring.FileSystemAdapterModule;
import dev.hangar.bootstrap.wiring.HttpAdapterModule;
import dev.hangar.bootstrap.wiring.InMemoryAdapterModule;
import dev.hangar.bootstrap.wiring.UseCaseModule;
import java.time.Clock;
import javax.inject.Singleton;

/** The production graph with test ports: the tests reach the catalog and the leases behind the API. */
@Singleton
@Component(modules = {UseCaseModule.class, HttpAdapterModule.class, AuthenticationModule.class, InMemoryAdapterModule.class,
    FileSystemAdapterModule.class, TestPortModule.class})
public interface TestHangarComponent {
  RootHandler rootHandler();

  InMemoryBuildRepository catalog();

  LeaseLookup leases();

  FileSystemBuildStorage storage();

  FileSystemUploadStore uploads();

  StorageFolder folder();

  PartsInFlight partsInFlight();

  @Component.Factory
  interface Factory {
    TestHangarComponent create(@BindsInstance ServiceConfig config, @BindsInstance Clock clock, @BindsInstance FaultSwitch faults);
  }
}
