package dev.hangar.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.hangar.adapter.filesystem.FileSystemBuildStorage;
import dev.hangar.adapter.filesystem.FileSystemUploadStore;
import dev.hangar.adapter.filesystem.StorageFolder;
import dev.hangar.bootstrap.AdapterMode;
import dev.hangar.bootstrap.ServiceConfig;
import java.time.Clock;
import javax.inject.Singleton;

/** Build files on local disk, under {@code <data-dir>/storage}; built only when a port selects it. */
@Module
public interface FileSystemAdapterModule {
  @Provides
  @Singleton
  static StorageFolder storageFolder(ServiceConfig config) {
    // With the catalog in memory, the objects of an earlier run belong to builds that no longer exist.
    boolean keepObjects = config.adapters() != AdapterMode.MEMORY;
    return new StorageFolder(config.dataDir().resolve("storage"), keepObjects);
  }

  @Provides
  @Singleton
  static FileSystemBuildStorage fileSystemStorage(StorageFolder folder, ServiceConfig config) {
    return new FileSystemBuildStorage(folder, config.bucket(), config.keyLayout());
  }

  @Provides
  @Singleton
  static FileSystemUploadStore fileSystemUploads(StorageFolder folder, Clock clock) {
    return new FileSystemUploadStore(folder, clock);
  }
}
