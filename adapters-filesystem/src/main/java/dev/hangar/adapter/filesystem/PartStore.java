package dev.hangar.adapter.filesystem;

import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.application.port.out.UploadStore.NoSuchUploadException;
import dev.hangar.application.port.out.UploadStore.TooManyUploadsException;
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredPart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The multipart uploads: their rows in {@link CatalogDatabase} ({@code uploads}, {@code parts}: location,
 * expiry, and each part's size, MD5, time and file name) and the part files in {@code uploads/<upload id>/}.
 *
 * <p>The order of writes makes every crash recoverable: a part file is written in {@code tmp/}, fsynced,
 * renamed into its upload's folder under a name of its own and the folder fsynced, and only then committed
 * as the part; the file it replaced is deleted after the commit. So a part is listed only when its file is
 * complete, and after a crash a part file no row names is a leftover that {@link #reconcile} deletes. Each
 * upload is changed under the in-process lock of its id.
 */
final class PartStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String FIND_UPLOAD = "SELECT bucket, object_key, expires_at FROM uploads WHERE upload_id = ?";
  private static final String PARTS = "SELECT part_number, size, md5, last_modified, file FROM parts WHERE upload_id = ? ORDER BY part_number";

  private final StorageFolder folder;
  private final CatalogDatabase database;
  private final Path uploads;
  private final KeyedLocks locks;

  PartStore(StorageFolder folder, CatalogDatabase database) {
    this.folder = folder;
    this.database = database;
    this.uploads = folder.uploads();
    this.locks = folder.locks();
  }

  /** The part files S3's rules select for the object, in order, with their sizes: nothing copied. */
  record Assembled(List<Path> files, List<Long> sizes, List<StoredPart> parts) {
  }

  private record UploadRow(String bucket, String key, Instant expiresAt) {
    boolean matches(StorageLocation location) {
      return bucket.equals(location.bucket().value()) && key.equals(location.key().value());
    }
  }

  private record PartRow(StoredPart part, String file) {
  }

  /**
   * Starts an upload to that location, unless {@code maxOpen} uploads to it are open (not expired at {@code now})
   * already: the count and the new row are one write transaction, so concurrent starts cannot pass it together.
   */
  String create(StorageLocation location, Instant expiresAt, int maxOpen, Instant now) {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    String uploadId = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path dir = uploads.resolve(uploadId);
    try {
      Files.createDirectory(dir);
      StorageFolder.syncDirectory(uploads);
    } catch (IOException e) {
      throw StorageFolder.failure("cannot start a multipart upload", e);
    }
    try {
      database.write(session -> {
        PreparedStatement open = session.prepare("SELECT expires_at FROM uploads WHERE bucket = ? AND object_key = ?");
        open.setString(1, location.bucket().value());
        open.setString(2, location.key().value());
        int count = 0;
        try (ResultSet rows = open.executeQuery()) {
          while (rows.next()) {
            count += now.isBefore(Instant.parse(rows.getString(1))) ? 1 : 0;
          }
        }
        if (count >= maxOpen) {
          throw new TooManyUploadsException(maxOpen);
        }
        PreparedStatement insert = session.prepare("INSERT INTO uploads (upload_id, bucket, object_key, expires_at) VALUES (?, ?, ?, ?)");
        insert.setString(1, uploadId);
        insert.setString(2, location.bucket().value());
        insert.setString(3, location.key().value());
        insert.setString(4, expiresAt.toString());
        return insert.executeUpdate();
      });
    } catch (RuntimeException e) {
      StorageFolder.deleteTree(dir);
      throw e;
    }
    return uploadId;
  }

  /** The bytes of every stored part, by the location its upload writes to (uploads without parts left out). */
  Map<StorageLocation, Long> pendingBytes() {
    return database.read(session -> {
      Map<StorageLocation, Long> pending = new java.util.HashMap<>();
      try (ResultSet rows = session.prepare("SELECT u.bucket, u.object_key, SUM(p.size) FROM uploads u JOIN parts p"
          + " ON p.upload_id = u.upload_id GROUP BY u.bucket, u.object_key").executeQuery()) {
        while (rows.next()) {
          pending.put(StorageLocation.serviceOwned(new dev.hangar.domain.storage.BucketName(rows.getString(1)),
              new dev.hangar.domain.storage.ObjectKey(rows.getString(2))), rows.getLong(3));
        }
      }
      return pending;
    });
  }

  /** Moves a written part into the upload ({@code dir}, from {@link #require}) and commits it, replacing an earlier part with that number. */
  StoredPart put(Path dir, String uploadId, int partNumber, StorageFolder.Written written, Instant now) {
    return holding(uploadId, () -> {
      String fileName = partName(partNumber) + "-" + UUID.randomUUID();
      Path file = dir.resolve(fileName);
      try {
        if (!Files.isDirectory(dir)) {
          StorageFolder.deleteQuietly(written.file());
          throw new NoSuchUploadException(uploadId);
        }
        StorageFolder.moveIntoPlace(written.file(), file);
        StorageFolder.syncDirectory(dir);
      } catch (java.nio.file.NoSuchFileException e) {
        // The upload was aborted, completed or expired while the part was being written.
        StorageFolder.deleteQuietly(written.file());
        throw new NoSuchUploadException(uploadId);
      } catch (IOException e) {
        StorageFolder.deleteQuietly(written.file());
        throw StorageFolder.failure("cannot store part " + partNumber, e);
      }
      StoredPart part = new StoredPart(partNumber, written.size(), written.md5Hex(), now);
      Optional<String> replaced;
      try {
        replaced = database.write(session -> {
          if (findUpload(session, uploadId).isEmpty()) {
            throw new NoSuchUploadException(uploadId);
          }
          Optional<String> earlier = Optional.ofNullable(readParts(session, uploadId).get(partNumber)).map(PartRow::file);
          PreparedStatement insert = session.prepare(
              "INSERT OR REPLACE INTO parts (upload_id, part_number, file, size, md5, last_modified) VALUES (?, ?, ?, ?, ?, ?)");
          insert.setString(1, uploadId);
          insert.setInt(2, partNumber);
          insert.setString(3, fileName);
          insert.setLong(4, part.size());
          insert.setString(5, part.md5Hex());
          insert.setString(6, now.toString());
          insert.executeUpdate();
          return earlier;
        });
      } catch (RuntimeException e) {
        StorageFolder.deleteQuietly(file);
        throw e;
      }
      replaced.ifPresent(name -> StorageFolder.deleteQuietly(dir.resolve(name)));
      return part;
    });
  }

  List<StoredPart> list(String uploadId, StorageLocation location, Instant now) {
    return database.read(session -> {
      requireRow(session, uploadId, location, now);
      return readParts(session, uploadId).values().stream().map(PartRow::part).toList();
    });
  }

  /**
   * Under the upload's lock: hands the requested parts' files to {@code install} (which links them into the
   * object), and removes the upload once installed; the parts not selected go with it.
   */
  <T> T complete(String uploadId, StorageLocation location, List<MultipartUpload.RequestedPart> requested, Instant now,
      Function<Assembled, T> install) {
    Path dir = require(uploadId, location, now);
    return holding(uploadId, () -> {
      Map<Integer, PartRow> rows = database.read(session -> {
        requireRow(session, uploadId, location, now);
        return readParts(session, uploadId);
      });
      Map<Integer, StoredPart> stored = new TreeMap<>();
      rows.forEach((number, row) -> stored.put(number, row.part()));
      List<StoredPart> selected = MultipartUpload.select(requested, stored);
      List<Path> files = new ArrayList<>();
      List<Long> sizes = new ArrayList<>();
      for (StoredPart part : selected) {
        files.add(dir.resolve(rows.get(part.partNumber()).file()));
        sizes.add(part.size());
      }
      T installed = install.apply(new Assembled(files, sizes, selected));
      forget(uploadId);
      return installed;
    });
  }

  void abort(String uploadId, StorageLocation location, Instant now) {
    require(uploadId, location, now);
    locks.holding(lockName(uploadId), () -> forget(uploadId));
  }

  /** Removes every upload to that location. */
  void deleteAllTo(StorageLocation location) {
    List<String> ids = database.read(session -> {
      PreparedStatement query = session.prepare("SELECT upload_id FROM uploads WHERE bucket = ? AND object_key = ?");
      query.setString(1, location.bucket().value());
      query.setString(2, location.key().value());
      return column(query);
    });
    for (String id : ids) {
      locks.holding(lockName(id), () -> forget(id));
    }
  }

  int removeExpired(Instant now) {
    Map<String, Instant> expiries = database.read(session -> {
      Map<String, Instant> found = new TreeMap<>();
      try (ResultSet rows = session.prepare("SELECT upload_id, expires_at FROM uploads").executeQuery()) {
        while (rows.next()) {
          found.put(rows.getString(1), Instant.parse(rows.getString(2)));
        }
      }
      return found;
    });
    int removed = 0;
    for (Map.Entry<String, Instant> upload : expiries.entrySet()) {
      if (!now.isBefore(upload.getValue())) {
        locks.holding(lockName(upload.getKey()), () -> forget(upload.getKey()));
        removed++;
      }
    }
    return removed;
  }

  /**
   * Brings the folder and the rows back into agreement after a crash: an upload folder without a row, and a
   * part file no row names (written, never committed, or replaced and not yet deleted), are deleted; a part
   * whose file is gone is no longer listed.
   */
  void reconcile() {
    Map<String, Set<String>> known = database.read(session -> {
      Map<String, Set<String>> files = new TreeMap<>();
      try (ResultSet rows = session.prepare("SELECT upload_id FROM uploads").executeQuery()) {
        while (rows.next()) {
          files.put(rows.getString(1), new HashSet<>());
        }
      }
      try (ResultSet rows = session.prepare("SELECT upload_id, file FROM parts").executeQuery()) {
        while (rows.next()) {
          Set<String> names = files.get(rows.getString(1));
          if (names != null) {
            names.add(rows.getString(2));
          }
        }
      }
      return files;
    });
    for (Path dir : StorageFolder.children(uploads)) {
      Set<String> names = known.get(dir.getFileName().toString());
      if (names == null) {
        StorageFolder.deleteTree(dir);
        continue;
      }
      for (Path file : StorageFolder.children(dir)) {
        if (!names.remove(file.getFileName().toString())) {
          StorageFolder.deleteTree(file);
        }
      }
    }
    known.forEach((id, missing) -> {
      if (!Files.isDirectory(uploads.resolve(id))) {
        database.write(session -> deleteRows(session, id));
      } else if (!missing.isEmpty()) {
        database.write(session -> {
          PreparedStatement delete = session.prepare("DELETE FROM parts WHERE upload_id = ? AND file = ?");
          for (String file : missing) {
            delete.setString(1, id);
            delete.setString(2, file);
            delete.executeUpdate();
          }
          return null;
        });
      }
    });
  }

  /** The upload's folder, when the upload exists for that location and has not expired {@code now}. */
  Path require(String uploadId, StorageLocation location, Instant now) {
    if (!uploadId.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new NoSuchUploadException(uploadId);
    }
    database.read(session -> {
      requireRow(session, uploadId, location, now);
      return null;
    });
    return uploads.resolve(uploadId);
  }

  /** The rows first (committed, so the upload is gone for good), then the folder. */
  private void forget(String uploadId) {
    database.write(session -> deleteRows(session, uploadId));
    StorageFolder.deleteTree(uploads.resolve(uploadId));
  }

  private static int deleteRows(CatalogDatabase.Session session, String uploadId) throws SQLException {
    PreparedStatement parts = session.prepare("DELETE FROM parts WHERE upload_id = ?");
    parts.setString(1, uploadId);
    parts.executeUpdate();
    PreparedStatement upload = session.prepare("DELETE FROM uploads WHERE upload_id = ?");
    upload.setString(1, uploadId);
    return upload.executeUpdate();
  }

  private static void requireRow(CatalogDatabase.Session session, String uploadId, StorageLocation location, Instant now)
      throws SQLException {
    Optional<UploadRow> row = findUpload(session, uploadId);
    if (row.isEmpty() || !row.get().matches(location) || !now.isBefore(row.get().expiresAt())) {
      throw new NoSuchUploadException(uploadId);
    }
  }

  private static Optional<UploadRow> findUpload(CatalogDatabase.Session session, String uploadId) throws SQLException {
    PreparedStatement query = session.prepare(FIND_UPLOAD);
    query.setString(1, uploadId);
    try (ResultSet row = query.executeQuery()) {
      return row.next() ? Optional.of(new UploadRow(row.getString(1), row.getString(2), Instant.parse(row.getString(3)))) : Optional.empty();
    }
  }

  private static Map<Integer, PartRow> readParts(CatalogDatabase.Session session, String uploadId) throws SQLException {
    PreparedStatement query = session.prepare(PARTS);
    query.setString(1, uploadId);
    Map<Integer, PartRow> parts = new TreeMap<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        int number = rows.getInt(1);
        parts.put(number, new PartRow(new StoredPart(number, rows.getLong(2), rows.getString(3), Instant.parse(rows.getString(4))),
            rows.getString(5)));
      }
    }
    return parts;
  }

  private static List<String> column(PreparedStatement query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private <T> T holding(String uploadId, Supplier<T> work) {
    return locks.holding(lockName(uploadId), work);
  }

  private static String lockName(String uploadId) {
    return "upload/" + uploadId;
  }

  private static String partName(int partNumber) {
    return String.format("part-%05d", partNumber);
  }
}
