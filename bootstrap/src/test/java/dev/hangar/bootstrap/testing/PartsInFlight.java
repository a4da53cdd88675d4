package dev.hangar.bootstrap.testing;

import dev.hangar.application.port.out.UploadStore;
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import dev.hangar.domain.storage.StoredPart;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The upload store as the upload use case sees it, recording how many UploadPart writes run at once: each call is
 * counted from before the part's body is read until the part is stored. Everything else passes straight through.
 */
public final class PartsInFlight implements UploadStore {
  private final UploadStore store;
  private final AtomicInteger now = new AtomicInteger();
  private final AtomicInteger most = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();

  PartsInFlight(UploadStore store) {
    this.store = store;
  }

  /** The largest number of UploadPart writes seen in flight at the same time. */
  public int maxInFlight() {
    return most.get();
  }

  public int calls() {
    return calls.get();
  }

  @Override
  public StoredPart uploadPart(String uploadId, StorageLocation location, int partNumber, InputStream content) {
    calls.incrementAndGet();
    most.accumulateAndGet(now.incrementAndGet(), Math::max);
    try {
      return store.uploadPart(uploadId, location, partNumber, content);
    } finally {
      now.decrementAndGet();
    }
  }

  @Override
  public StoredObject putObject(StorageLocation location, InputStream content) {
    return store.putObject(location, content);
  }

  @Override
  public String createMultipartUpload(StorageLocation location, Instant expiresAt, int maxOpen) {
    return store.createMultipartUpload(location, expiresAt, maxOpen);
  }

  @Override
  public java.util.Map<StorageLocation, Long> pendingBytes() {
    return store.pendingBytes();
  }

  @Override
  public List<StoredPart> listParts(String uploadId, StorageLocation location) {
    return store.listParts(uploadId, location);
  }

  @Override
  public StoredObject completeMultipartUpload(String uploadId, StorageLocation location, List<MultipartUpload.RequestedPart> parts) {
    return store.completeMultipartUpload(uploadId, location, parts);
  }

  @Override
  public void abortMultipartUpload(String uploadId, StorageLocation location) {
    store.abortMultipartUpload(uploadId, location);
  }

  @Override
  public int removeExpiredUploads(Instant now) {
    return store.removeExpiredUploads(now);
  }
}
