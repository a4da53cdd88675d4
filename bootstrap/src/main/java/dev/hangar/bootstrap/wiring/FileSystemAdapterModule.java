package dev.hangar.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.hangar.adapter.filesystem.CatalogDatabase;
import dev.hangar.adapter.filesystem.FileSystemBuildStorage;
import dev.hangar.adapter.filesystem.FileSystemLeaseKeys;
import dev.hangar.adapter.filesystem.FileSystemUploadStore;
import dev.hangar.adapter.filesystem.SqliteBuildRepository;
import dev.hangar.adapter.filesystem.SqliteListingTokenKeys;
import dev.hangar.adapter.filesystem.StorageFolder;
import dev.hangar.bootstrap.AdapterMode;
import dev.hangar.bootstrap.ServiceConfig;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * Files on local disk and the SQLite database beside them; built only when a port selects them. On
 * {@code local} both live in the data folder ({@code <data-dir>/storage}, {@code <data-dir>/hangar.db}) and are
 * kept; on {@code memory} both live in a temporary folder deleted when the node stops.
 */
@Module
public interface FileSystemAdapterModule {
  @Provides
  @Singleton
  static StorageFolder storageFolder(ServiceConfig config) {
    return config.adapters() == AdapterMode.LOCAL
        ? new StorageFolder(config.dataDir().resolve("storage"), true)
        : StorageFolder.temporary();
  }

  /** Opened after the folder's lock is taken (it needs the folder), so a second node never touches the file. */
  @Provides
  @Singleton
  static CatalogDatabase database(StorageFolder folder, ServiceConfig config) {
    boolean local = config.adapters() == AdapterMode.LOCAL;
    return new CatalogDatabase(local ? config.dataDir() : folder.root(), local);
  }

  @Provides
  @Singleton
  static FileSystemBuildStorage fileSystemStorage(StorageFolder folder, CatalogDatabase database, ServiceConfig config) {
    return new FileSystemBuildStorage(folder, database, config.bucket(), config.keyLayout());
  }

  @Provides
  @Singleton
  static FileSystemUploadStore fileSystemUploads(StorageFolder folder, CatalogDatabase database, Clock clock) {
    return new FileSystemUploadStore(folder, database, clock);
  }

  @Provides
  @Singleton
  static SqliteBuildRepository sqliteBuilds(CatalogDatabase database) {
    return new SqliteBuildRepository(database);
  }

  /** Read after the folder's lock is taken, so that two nodes never draw a key each for one data folder. */
  @Provides
  @Singleton
  static FileSystemLeaseKeys leaseKeys(StorageFolder folder, ServiceConfig config) {
    return new FileSystemLeaseKeys(config.dataDir());
  }

  @Provides
  @Singleton
  static SqliteListingTokenKeys sqliteListingTokenKeys(CatalogDatabase database) {
    return new SqliteListingTokenKeys(database);
  }
}
