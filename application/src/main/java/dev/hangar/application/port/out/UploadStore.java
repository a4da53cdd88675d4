package dev.hangar.application.port.out;

import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import dev.hangar.domain.storage.StoredPart;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where the embedded upload endpoint writes: whole objects and multipart uploads, S3's way. Content is
 * streamed, never held whole in memory; an object or a part becomes visible only once complete, and a
 * write whose stream fails (a bad checksum, a client gone) leaves nothing behind. Content that is a
 * {@link ContentMd5} already knows its MD5 when it ends: a store takes that one for the ETag rather than digest the
 * bytes a second time.
 *
 * <p>Failures: the content streams are the caller's, so what their {@code read} raises is the caller's too.
 * An {@link UploadContentException} (or any other unchecked failure of {@code content}) goes on unchanged;
 * a failure of the store itself is a {@link DependencyFailureException}; an upload id that does not name a
 * live upload of that location is a {@link NoSuchUploadException}; a completion against S3's rules is a
 * {@code MultipartRuleException}.
 */
public interface UploadStore {
  /**
   * Writes the whole object, replacing any earlier one; visible only when {@code content} ended cleanly.
   *
   * @throws UploadContentException when {@code content} fails while being read; nothing is kept
   * @throws DependencyFailureException when the store cannot write
   */
  StoredObject putObject(StorageLocation location, InputStream content);

  /** Starts a multipart upload for that location that may be used until {@code expiresAt}; returns its id. */
  default String createMultipartUpload(StorageLocation location, Instant expiresAt) {
    return createMultipartUpload(location, expiresAt, Integer.MAX_VALUE);
  }

  /**
   * Starts a multipart upload for that location, unless {@code maxOpen} uploads to it are open already (counted
   * and started atomically, so that concurrent starts cannot pass the limit together).
   *
   * @throws TooManyUploadsException when {@code maxOpen} uploads to that location are open
   */
  String createMultipartUpload(StorageLocation location, Instant expiresAt, int maxOpen);

  /** The bytes of the parts stored so far, by the location their upload writes to; locations without parts are absent. */
  Map<StorageLocation, Long> pendingBytes();

  /**
   * Writes one part, replacing an earlier part with the same number.
   *
   * @throws UploadContentException when {@code content} fails while being read; no part is kept
   * @throws NoSuchUploadException when there is no such upload for that location
   * @throws DependencyFailureException when the store cannot write
   */
  StoredPart uploadPart(String uploadId, StorageLocation location, int partNumber, InputStream content);

  /** @throws NoSuchUploadException when there is no such upload for that location */
  List<StoredPart> listParts(String uploadId, StorageLocation location);

  /**
   * Assembles the object from the requested parts after checking S3's rules; the upload is then gone.
   *
   * @throws dev.hangar.domain.failure.MultipartRuleException when the requested parts break S3's rules
   * @throws NoSuchUploadException when there is no such upload for that location
   * @throws DependencyFailureException when the store cannot write
   */
  StoredObject completeMultipartUpload(String uploadId, StorageLocation location, List<MultipartUpload.RequestedPart> parts);

  /** @throws NoSuchUploadException when there is no such upload for that location */
  void abortMultipartUpload(String uploadId, StorageLocation location);

  /** Removes every multipart upload whose time ran out; returns how many. */
  int removeExpiredUploads(Instant now);

  /** No multipart upload with that id exists for that location (never started, completed, aborted or expired). */
  final class NoSuchUploadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoSuchUploadException(String uploadId) {
      super("The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
          null, false, false);
    }
  }

  /** That location has as many multipart uploads open as the limit allows. */
  final class TooManyUploadsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TooManyUploadsException(int limit) {
      super("This build already has " + limit + " multipart uploads in progress, the most allowed (the limit is " + limit
          + " open multipart uploads per build); complete or abort one first", null, false, false);
    }
  }
}
