package dev.hangar.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.hangar.adapter.inmemory.InMemoryBuildRepository;
import dev.hangar.adapter.inmemory.InMemoryLeaseKeys;
import dev.hangar.adapter.inmemory.InMemoryListingTokenKeys;
import dev.hangar.adapter.inmemory.SealedCredentialIssuer;
import dev.hangar.adapter.inmemory.UuidBuildIdGenerator;
import dev.hangar.application.port.out.LeaseKeys;
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
  static SealedCredentialIssuer credentialIssuer(ServiceConfig config, LeaseKeys keys) {
    return new SealedCredentialIssuer(keys, config.credentialLifetime());
  }

  @Provides
  @Singleton
  static InMemoryLeaseKeys leaseKeys() {
    return new InMemoryLeaseKeys();
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
