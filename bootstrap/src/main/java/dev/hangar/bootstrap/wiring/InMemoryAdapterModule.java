package dev.hangar.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.hangar.adapter.inmemory.InMemoryBuildRepository;
import dev.hangar.adapter.inmemory.InMemoryCredentialIssuer;
import dev.hangar.adapter.inmemory.InMemoryListingTokenKeys;
import dev.hangar.adapter.inmemory.UuidBuildIdGenerator;
import dev.hangar.bootstrap.ServiceConfig;
import javax.inject.Singleton;

/** The in-memory adapters; built only when a port selects them. */
@Module
public interface InMemoryAdapterModule {
  @Provides
  @Singleton
  static InMemoryBuildRepository buildRepository() {
    return new InMemoryBuildRepository();
  }

  @Provides
  @Singleton
  static InMemoryCredentialIssuer credentialIssuer(ServiceConfig config) {
    return new InMemoryCredentialIssuer(config.credentialLifetime());
  }

  @Provides
  @Singleton
  static InMemoryListingTokenKeys listingTokenKeys() {
    return new InMemoryListingTokenKeys();
  }

  @Provides
  @Singleton
  static UuidBuildIdGenerator buildIds() {
    return new UuidBuildIdGenerator();
  }
}
