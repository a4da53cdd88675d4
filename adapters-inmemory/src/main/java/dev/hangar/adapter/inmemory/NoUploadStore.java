package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.UploadStore;
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import dev.hangar.domain.storage.StoredPart;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * The upload store of a node on AWS, where uploads go to S3 itself: it holds nothing. No request reaches it
 * in practice (the embedded endpoint knows no lease there); one that did would be refused: a write with
 * {@link UnsupportedOperationException} (a bug, should one ever arrive), anything naming an upload with
 * {@link NoSuchUploadException}. It cannot pass the {@code UploadStoreContractTest}, which is about storing;
 * {@code NoUploadStoreTest} pins what it does instead.
 */
public enum NoUploadStore implements UploadStore {
  INSTANCE;

  private static UnsupportedOperationException refused() {
    return new UnsupportedOperationException("this node stores uploads in S3, not locally");
  }

  @Override
  public StoredObject putObject(StorageLocation location, InputStream content) {
    throw refused();
  }

  @Override
  public String createMultipartUpload(StorageLocation location, Instant expiresAt, int maxOpen) {
    throw refused();
  }

  @Override
  public java.util.Map<StorageLocation, Long> pendingBytes() {
    return java.util.Map.of();
  }

  @Override
  public StoredPart uploadPart(String uploadId, StorageLocation location, int partNumber, InputStream content) {
    throw refused();
  }

  @Override
  public List<StoredPart> listParts(String uploadId, StorageLocation location) {
    throw new NoSuchUploadException(uploadId);
  }

  @Override
  public StoredObject completeMultipartUpload(String uploadId, StorageLocation location, List<MultipartUpload.RequestedPart> parts) {
    throw new NoSuchUploadException(uploadId);
  }

  @Override
  public void abortMultipartUpload(String uploadId, StorageLocation location) {
    throw new NoSuchUploadException(uploadId);
  }

  @Override
  public int removeExpiredUploads(Instant now) {
    return 0;
  }
}
