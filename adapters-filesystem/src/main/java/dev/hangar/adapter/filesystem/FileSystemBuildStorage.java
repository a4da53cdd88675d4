package dev.hangar.adapter.filesystem;

import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.application.port.out.StoredObjectScan;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.KeyLayout;
import dev.hangar.domain.storage.ServiceBucket;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The build files of the service's one bucket, in a {@link StorageFolder}; objects get there through {@link FileSystemUploadStore}. */
public final class FileSystemBuildStorage implements BuildStorage, StoredObjectScan {
  private final BucketName bucket;
  private final ServiceBucket serviceBucket;
  private final BuildFiles files;
  private final PartStore parts;

  public FileSystemBuildStorage(StorageFolder folder, CatalogDatabase database, BucketName bucket, KeyLayout layout) {
    this.bucket = bucket;
    this.serviceBucket = new ServiceBucket(bucket, layout);
    this.files = new BuildFiles(folder);
    this.parts = new PartStore(folder, database);
  }

  @Override
  public StorageLocation locationFor(AccountId owner, BuildId id) {
    return serviceBucket.locationFor(owner, id);
  }

  @Override
  public Optional<KeyLayout.Owner> ownerOf(BucketName otherBucket, ObjectKey key) {
    return serviceBucket.ownerOf(otherBucket, key);
  }

  @Override
  public Optional<StoredObject> find(StorageLocation location) {
    return files.find(location);
  }

  @Override
  public Optional<List<String>> archiveEntries(StorageLocation location) {
    return files.entryNames(location);
  }

  @Override
  public Optional<InputStream> open(StorageLocation location) {
    return files.open(location, Optional.empty());
  }

  @Override
  public Optional<InputStream> open(StorageLocation location, dev.hangar.domain.storage.ByteRange range) {
    return files.open(location, range);
  }

  /** Only the latest version of an object is kept here: an import of any other version is refused. */
  @Override
  public StoredObject importObject(StorageLocation source, StorageLocation destination) {
    if (!source.bucket().equals(bucket)) {
      throw new ObjectUnavailableException("The bucket " + source.bucket() + " is not served here; this node stores builds in "
          + bucket + " (upload the zip there first)");
    }
    InputStream checked = files.open(source, source.objectVersion())
        .orElseThrow(() -> new ObjectUnavailableException("No object " + source.key() + " in bucket " + source.bucket()));
    try (InputStream in = checked) {
      return files.write(destination, in);
    } catch (IOException e) {
      throw new DependencyFailureException("cannot copy " + source, e);
    }
  }

  @Override
  public void deleteFiles(StorageLocation location) {
    files.delete(location);
    parts.deleteAllTo(location);
  }

  /** Bytes read so far through objects kept as parts (for tests). */
  long bytesReadThroughParts() {
    return files.partBytesRead.sum();
  }

  /** Every object in the folder with its metadata, whatever its bucket. */
  @Override
  public void forEachObject(Consumer<StorageLocation> action) {
    files.forEachObject(action);
  }
}
