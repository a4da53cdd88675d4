package dev.hangar.adapter.filesystem;

import dev.hangar.application.port.out.UploadStore;
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import dev.hangar.domain.storage.StoredPart;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the embedded upload endpoint writes, in a {@link StorageFolder}: whole objects, and multipart uploads part by
 * part (their rows in a {@link CatalogDatabase}).
 */
public final class FileSystemUploadStore implements UploadStore {
  private final StorageFolder folder;
  private final BuildFiles files;
  private final PartStore parts;
  private final Clock clock;

  /**
   * An upload store on {@code folder}, with the uploads' rows in {@code database}; a folder kept from an
   * earlier run is first brought into agreement with the rows (leftover part files deleted).
   */
  public FileSystemUploadStore(StorageFolder folder, CatalogDatabase database, Clock clock) {
    this.folder = folder;
    this.files = new BuildFiles(folder);
    this.parts = new PartStore(folder, database);
    this.clock = clock;
    files.removeIncomplete();
    parts.reconcile();
  }

  @Override
  public StoredObject putObject(StorageLocation location, InputStream content) {
    return files.write(location, content);
  }

  @Override
  public String createMultipartUpload(StorageLocation location, Instant expiresAt, int maxOpen) {
    return parts.create(location, expiresAt, maxOpen, clock.instant());
  }

  @Override
  public Map<StorageLocation, Long> pendingBytes() {
    return parts.pendingBytes();
  }

  @Override
  public StoredPart uploadPart(String uploadId, StorageLocation location, int partNumber, InputStream content) {
    Path dir = parts.require(uploadId, location, clock.instant());
    StorageFolder.Written written = folder.writeToTemp(content);
    return parts.put(dir, uploadId, partNumber, written, clock.instant());
  }

  @Override
  public List<StoredPart> listParts(String uploadId, StorageLocation location) {
    return parts.list(uploadId, location, clock.instant());
  }

  @Override
  public StoredObject completeMultipartUpload(String uploadId, StorageLocation location, List<MultipartUpload.RequestedPart> requested) {
    return parts.complete(uploadId, location, requested, clock.instant(),
        assembled -> files.installParts(location, assembled.files(), assembled.sizes(), MultipartUpload.etagOf(assembled.parts())));
  }

  @Override
  public void abortMultipartUpload(String uploadId, StorageLocation location) {
    parts.abort(uploadId, location, clock.instant());
  }

  @Override
  public int removeExpiredUploads(Instant now) {
    return parts.removeExpired(now);
  }
}
