package dev.hangar.bootstrap.wiring;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.hangar.adapter.inmemory.InProcessAccountLedger;
import dev.hangar.application.port.out.AccountLedger;
import dev.hangar.adapter.aws.S3BuildRepository;
import dev.hangar.adapter.aws.S3BuildStorage;
import dev.hangar.adapter.aws.S3ListingTokenKeys;
import dev.hangar.adapter.aws.StsCredentialIssuer;
import dev.hangar.adapter.filesystem.CatalogDatabase;
import dev.hangar.adapter.http.GameLiftHandler;
import dev.hangar.adapter.filesystem.FileSystemBuildStorage;
import dev.hangar.adapter.filesystem.FileSystemLeaseKeys;
import dev.hangar.adapter.filesystem.FileSystemUploadStore;
import dev.hangar.adapter.filesystem.SqliteBuildRepository;
import dev.hangar.adapter.filesystem.SqliteListingTokenKeys;
import dev.hangar.adapter.filesystem.StorageFolder;
import dev.hangar.adapter.inmemory.InMemoryBuildRepository;
import dev.hangar.adapter.inmemory.InMemoryLeaseKeys;
import dev.hangar.adapter.inmemory.SealedCredentialIssuer;
import dev.hangar.adapter.inmemory.InMemoryListingTokenKeys;
import dev.hangar.adapter.inmemory.NoUploadStore;
import dev.hangar.adapter.inmemory.UuidBuildIdGenerator;
import dev.hangar.application.port.out.BuildIdGenerator;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.application.port.out.LeaseKeys;
import dev.hangar.application.port.out.LeaseLookup;
import dev.hangar.application.port.out.ListingTokenKeys;
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
  static BuildRepository buildRepository(ServiceConfig config, Lazy<InMemoryBuildRepository> inMemory, Lazy<SqliteBuildRepository> sqlite,
      Lazy<S3BuildRepository> s3) {
    return select(config, inMemory, sqlite, s3);
  }

  @Provides
  @Singleton
  static BuildStorage buildStorage(ServiceConfig config, Lazy<FileSystemBuildStorage> fileSystem, Lazy<S3BuildStorage> s3) {
    return select(config, fileSystem, fileSystem, s3);
  }

  /**
   * The build quota and the byte limit, kept exactly in process where one node holds the state (memory, local); on
   * AWS, where any number of nodes share it and uploads go to S3 directly, neither is kept (AWS's own quotas apply).
   */
  @Provides
  @Singleton
  static AccountLedger accountLedger(ServiceConfig config, BuildRepository builds, BuildStorage storage, UploadStore uploads) {
    return config.adapters() == AdapterMode.AWS ? AccountLedger.NOT_KEPT
        : new InProcessAccountLedger(builds, storage, uploads, config.uploadLimits());
  }

  /** On AWS, uploads go straight to S3: the embedded endpoint stores nothing (no lease is known to it). */
  @Provides
  @Singleton
  static UploadStore uploadStore(ServiceConfig config, Lazy<FileSystemUploadStore> fileSystem) {
    UploadStore none = NoUploadStore.INSTANCE;
    return select(config, fileSystem, fileSystem, () -> none);
  }

  /**
   * What the node releases when it stops, where local disk is used: the database (its writer finishes the
   * writes already queued), then the storage folder's lock (a temporary folder is deleted).
   */
  @Provides
  @Singleton
  @Named("localStorage")
  static AutoCloseable localStorage(ServiceConfig config, Lazy<StorageFolder> folder, Lazy<CatalogDatabase> database) {
    AutoCloseable none = () -> { };
    AutoCloseable local = () -> {
      try {
        database.get().close();
      } finally {
        folder.get().close();
      }
    };
    return select(config, () -> local, () -> local, () -> none);
  }

  @Provides
  @Singleton
  static CredentialIssuer credentialIssuer(ServiceConfig config, Lazy<SealedCredentialIssuer> sealed,
      Lazy<StsCredentialIssuer> sts) {
    return select(config, sealed, sealed, sts);
  }

  /** On AWS, S3 itself checks the STS leases; the embedded endpoint knows none. */
  @Provides
  @Singleton
  static LeaseLookup leaseLookup(ServiceConfig config, Lazy<SealedCredentialIssuer> sealed) {
    LeaseLookup none = (accessKeyId, sessionToken) -> java.util.Optional.empty();
    return select(config, sealed, sealed, () -> none);
  }

  /**
   * The key that seals leases: a memory node draws its own (its leases end with it); a local node keeps it in
   * {@code <data-dir>/lease.key}, so that its leases outlive a restart. On AWS, STS mints the leases.
   */
  @Provides
  @Singleton
  static LeaseKeys leaseKeys(ServiceConfig config, Lazy<InMemoryLeaseKeys> own, Lazy<FileSystemLeaseKeys> kept) {
    return select(config, own, kept, () -> {
      throw new IllegalStateException("on aws, STS mints the upload leases");
    });
  }

  @Provides
  @Singleton
  static BuildIdGenerator buildIds(Lazy<UuidBuildIdGenerator> generator) {
    return generator.get();
  }

  /**
   * The key that seals ListBuilds NextTokens. A memory node draws its own; a local node keeps it in its
   * database, so a NextToken pages on after a restart; nodes on AWS share one, kept in the bucket, so that a
   * listing begun on one node continues on any other.
   */
  @Provides
  @Singleton
  @Named("listingTokenKey")
  static byte[] listingTokenKey(ServiceConfig config, Lazy<InMemoryListingTokenKeys> own, Lazy<SqliteListingTokenKeys> kept,
      Lazy<S3ListingTokenKeys> shared) {
    ListingTokenKeys keys = select(config, own, kept, shared);
    return keys.key();
  }

  /**
   * What may block a thread in the selected adapters: those API calls leave Undertow's IO threads. The local
   * catalog answers reads from memory and blocks only on writes (a synced commit).
   */
  @Provides
  static GameLiftHandler.Blocking blocking(ServiceConfig config) {
    return switch (config.adapters()) {
      case MEMORY -> GameLiftHandler.Blocking.NOTHING;
      case LOCAL -> GameLiftHandler.Blocking.CATALOG_WRITES;
      case AWS -> GameLiftHandler.Blocking.EVERYTHING;
    };
  }

  private static <T> T select(ServiceConfig config, Lazy<? extends T> inMemory, Lazy<? extends T> local, Lazy<? extends T> aws) {
    return switch (config.adapters()) {
      case MEMORY -> inMemory.get();
      case LOCAL -> local.get();
      case AWS -> aws.get();
    };
  }
}
