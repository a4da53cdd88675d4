package dev.hangar.application.port.out;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ByteRange;
import dev.hangar.domain.storage.KeyLayout;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The storage that holds the files of builds, in the service's own bucket.
 *
 * <p>Failures: a method that reaches the storage raises {@link DependencyFailureException} when it cannot;
 * {@code importObject} also raises {@link ObjectUnavailableException}. A missing object is an empty result,
 * not a failure.
 */
public interface BuildStorage {
  /** Where the files of that build go: the service's bucket and a key that belongs to that build alone. */
  StorageLocation locationFor(AccountId owner, BuildId id);

  /** The account and build an object in the service's bucket belongs to, by the key layout; empty for any other bucket or key. */
  Optional<KeyLayout.Owner> ownerOf(BucketName bucket, ObjectKey key);

  /** The object stored at that location, if there is one in full. */
  Optional<StoredObject> find(StorageLocation location);

  /** The entry names of the zip stored there, or empty when the object is missing or is not a readable zip. */
  Optional<List<String>> archiveEntries(StorageLocation location);

  /** The object's bytes, streamed; empty when there is none. The caller closes the stream. */
  Optional<InputStream> open(StorageLocation location);

  /**
   * Those bytes of the object, streamed; empty when there is none. The bytes before the range are skipped
   * where they are stored (a positional read, a ranged request), never read through. The range lies within
   * the object as {@link #find} last described it; the caller closes the stream.
   */
  Optional<InputStream> open(StorageLocation location, ByteRange range);

  /**
   * Copies a caller's object ({@code source}, honouring its object version) into the service's storage at
   * {@code destination}, streaming.
   *
   * @throws ObjectUnavailableException when the source cannot be read
   */
  StoredObject importObject(StorageLocation source, StorageLocation destination);

  /** Deletes whatever is stored at that location, and uploads in progress to it; nothing stored is not an error. */
  void deleteFiles(StorageLocation location);

  /** The source of an import cannot be read: no such bucket, key or version here, or no permission. */
  final class ObjectUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ObjectUnavailableException(String message) {
      super(message, null, false, false);
    }
  }
}
