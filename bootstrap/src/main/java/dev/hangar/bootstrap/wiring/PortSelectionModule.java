package dev.hangar.bootstrap.wiring;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.hangar.adapter.inmemory.InMemoryBuildRepository;
import dev.hangar.adapter.filesystem.FileSystemBuildStorage;
import dev.hangar.adapter.inmemory.InMemoryCredentialIssuer;
import dev.hangar.adapter.inmemory.UuidBuildIdGenerator;
import dev.hangar.application.port.out.BuildIdGenerator;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.application.port.out.LeaseLookup;
import dev.hangar.application.port.out.UploadStore;
import dev.hangar.bootstrap.AdapterMode;
import dev.hangar.bootstrap.ServiceConfig;
import javax.inject.Named;
import javax.inject.Singleton;

/**
 * Picks each outbound port's adapter from {@link ServiceConfig#adapters()}. Adapters come in through
 * {@link Lazy}, so the side that is not selected is never built.
 */
@Module
public interface PortSelectionModule {
  @Provides
  @Singleton
  static BuildRepository buildRepository(ServiceConfig config, Lazy<InMemoryBuildRepository> inMemory) {
    return select(config, inMemory);
  }

  @Provides
  @Singleton
  static BuildStorage buildStorage(ServiceConfig config, Lazy<FileSystemBuildStorage> fileSystem) {
    return select(config, fileSystem);
  }

  @Provides
  @Singleton
  static UploadStore uploadStore(ServiceConfig config, Lazy<FileSystemBuildStorage> fileSystem) {
    return select(config, fileSystem);
  }

  @Provides
  @Singleton
  static CredentialIssuer credentialIssuer(ServiceConfig config, Lazy<InMemoryCredentialIssuer> inMemory) {
    return select(config, inMemory);
  }

  @Provides
  @Singleton
  static LeaseLookup leaseLookup(ServiceConfig config, Lazy<InMemoryCredentialIssuer> inMemory) {
    return select(config, inMemory);
  }

  @Provides
  @Singleton
  static BuildIdGenerator buildIds(Lazy<UuidBuildIdGenerator> generator) {
    return generator.get();
  }

  /** Whether the selected adapters may block a thread: then API calls leave Undertow's IO threads. */
  @Provides
  @Named("blockingAdapters")
  static boolean blockingAdapters(ServiceConfig config) {
    return config.adapters() != AdapterMode.MEMORY;
  }

  private static <T> T select(ServiceConfig config, Lazy<? extends T> inMemory) {
    return switch (config.adapters()) {
      case MEMORY -> inMemory.get();
    };
  }
}
