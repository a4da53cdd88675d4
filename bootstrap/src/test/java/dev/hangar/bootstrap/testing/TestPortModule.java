package dev.hangar.bootstrap.testing;

import dagger.Module;
import dagger.Provides;
import dev.hangar.adapter.inmemory.InMemoryBuildRepository;
import dev.hangar.adapter.filesystem.FileSystemBuildStorage;
import dev.hangar.adapter.filesystem.FileSystemUploadStore;
import dev.hangar.adapter.inmemory.InMemoryLeaseKeys;
import dev.hangar.adapter.inmemory.SealedCredentialIssuer;
import dev.hangar.application.port.out.LeaseKeys;
import dev.hangar.adapter.inmemory.UuidBuildIdGenerator;
import dev.hangar.application.port.out.BuildIdGenerator;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.application.port.out.LeaseLookup;
import dev.hangar.application.port.out.UploadStore;
import javax.inject.Named;
import javax.inject.Singleton;

/**
 * The in-memory ports, with a catalog that a test can break through a {@link FaultSwitch}, and the upload store
 * behind a {@link PartsInFlight} that records how many parts are written at once.
 */
@Module
interface TestPortModule {
  @Provides
  @Singleton
  static BuildRepository buildRepository(InMemoryBuildRepository real, FaultSwitch faults) {
    return new FaultyBuildRepository(real, faults);
  }

  @Provides
  static BuildStorage buildStorage(FileSystemBuildStorage storage) {
    return storage;
  }

  @Provides
  @Singleton
  static PartsInFlight partsInFlight(FileSystemUploadStore uploads) {
    return new PartsInFlight(uploads);
  }

  @Provides
  static UploadStore uploadStore(PartsInFlight uploads) {
    return uploads;
  }

  /** The limits kept as on the embedded backends, over the (faulty) catalog and the upload store above. */
  @Provides
  @Singleton
  static dev.hangar.application.port.out.AccountLedger accountLedger(BuildRepository builds, BuildStorage storage, UploadStore uploads,
      dev.hangar.bootstrap.ServiceConfig config) {
    return new dev.hangar.adapter.inmemory.InProcessAccountLedger(builds, storage, uploads, config.uploadLimits());
  }

  @Provides
  static CredentialIssuer credentialIssuer(SealedCredentialIssuer issuer) {
    return issuer;
  }

  @Provides
  static LeaseLookup leaseLookup(SealedCredentialIssuer issuer) {
    return issuer;
  }

  @Provides
  static LeaseKeys leaseKeys(InMemoryLeaseKeys keys) {
    return keys;
  }

  @Provides
  static BuildIdGenerator buildIds(UuidBuildIdGenerator ids) {
    return ids;
  }

  @Provides
  @Singleton
  @Named("listingTokenKey")
  static byte[] listingTokenKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return key;
  }

  @Provides
  static dev.hangar.adapter.http.GameLiftHandler.Blocking blocking() {
    return dev.hangar.adapter.http.GameLiftHandler.Blocking.NOTHING;
  }
}
