package dev.hangar.adapter.filesystem;

import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.application.port.out.UploadStore.NoSuchUploadException;
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredPart;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The multipart parts in {@code uploads/<upload id>/}: {@code upload.meta} (bucket, key, expiry), and a
 * {@code part-NNNNN} file with a {@code part-NNNNN.meta} (size, MD5, time) per part. Each upload is changed
 * under the lock of its id.
 */
final class PartStore {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StorageFolder folder;
  private final Path uploads;
  private final KeyedLocks locks;

  PartStore(StorageFolder folder) {
    this.folder = folder;
    this.uploads = folder.uploads();
    this.locks = folder.locks();
  }

  /** An assembled object in tmp/, fsynced, from the parts selected by S3's rules. */
  record Assembled(Path file, long size, List<StoredPart> parts) {
  }

  private record UploadMeta(String bucket, String key, Instant expiresAt) {
    boolean matches(StorageLocation location) {
      return bucket.equals(location.bucket().value()) && key.equals(location.key().value());
    }
  }

  String create(StorageLocation location, Instant expiresAt) {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    String uploadId = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path dir = uploads.resolve(uploadId);
    try {
      Files.createDirectory(dir);
      Properties meta = new Properties();
      meta.setProperty("bucket", location.bucket().value());
      meta.setProperty("key", location.key().value());
      meta.setProperty("expiresAt", expiresAt.toString());
      folder.writeProperties(dir.resolve("upload.meta"), meta);
      return uploadId;
    } catch (IOException e) {
      throw new DependencyFailureException("cannot start a multipart upload", e);
    }
  }

  /** Moves a written part into the upload ({@code dir}, from {@link #require}), replacing an earlier part with that number. */
  StoredPart put(Path dir, String uploadId, int partNumber, StorageFolder.Written written, Instant now) {
    return holding(uploadId, () -> {
      try {
        if (!Files.isDirectory(dir)) {
          throw new NoSuchUploadException(uploadId);
        }
        Properties meta = new Properties();
        meta.setProperty("size", Long.toString(written.size()));
        meta.setProperty("md5", written.md5Hex());
        meta.setProperty("lastModified", now.toString());
        folder.writeProperties(dir.resolve(partName(partNumber) + ".meta"), meta);
        StorageFolder.moveIntoPlace(written.file(), dir.resolve(partName(partNumber)));
        return new StoredPart(partNumber, written.size(), written.md5Hex(), now);
      } catch (IOException e) {
        throw new DependencyFailureException("cannot store part " + partNumber, e);
      } finally {
        StorageFolder.deleteQuietly(written.file());
      }
    });
  }

  List<StoredPart> list(String uploadId, StorageLocation location, Instant now) {
    Path dir = require(uploadId, location, now);
    return holding(uploadId, () -> new ArrayList<>(readParts(dir).values()));
  }

  /**
   * Under the upload's lock: concatenates the requested parts into tmp/, hands the result to {@code install},
   * and removes the upload once installed.
   */
  <T> T complete(String uploadId, StorageLocation location, List<MultipartUpload.RequestedPart> requested, Instant now,
      Function<Assembled, T> install) {
    Path dir = require(uploadId, location, now);
    return holding(uploadId, () -> {
      if (!Files.isDirectory(dir)) {
        throw new NoSuchUploadException(uploadId);
      }
      List<StoredPart> selected = MultipartUpload.select(requested, readParts(dir));
      Path assembled = folder.newTemp("complete");
      long size = 0;
      try (FileChannel out = FileChannel.open(assembled, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        for (StoredPart part : selected) {
          try (FileChannel in = FileChannel.open(dir.resolve(partName(part.partNumber())), StandardOpenOption.READ)) {
            long position = 0;
            long length = in.size();
            while (position < length) {
              position += in.transferTo(position, length - position, out);
            }
            size += length;
          }
        }
        out.force(true);
      } catch (IOException e) {
        StorageFolder.deleteQuietly(assembled);
        throw new DependencyFailureException("cannot assemble multipart upload " + uploadId, e);
      }
      T installed = install.apply(new Assembled(assembled, size, selected));
      StorageFolder.deleteTree(dir);
      return installed;
    });
  }

  void abort(String uploadId, StorageLocation location, Instant now) {
    Path dir = require(uploadId, location, now);
    locks.holding(lockName(uploadId), () -> StorageFolder.deleteTree(dir));
  }

  /** Removes every upload to that location. */
  void deleteAllTo(StorageLocation location) {
    for (Path dir : StorageFolder.children(uploads)) {
      locks.holding(lockName(dir.getFileName().toString()),
          () -> readUploadMeta(dir).filter(meta -> meta.matches(location)).ifPresent(meta -> StorageFolder.deleteTree(dir)));
    }
  }

  int removeExpired(Instant now) {
    int removed = 0;
    for (Path dir : StorageFolder.children(uploads)) {
      Optional<UploadMeta> meta = readUploadMeta(dir);
      if (meta.isEmpty() || !now.isBefore(meta.get().expiresAt())) {
        locks.holding(lockName(dir.getFileName().toString()), () -> StorageFolder.deleteTree(dir));
        removed++;
      }
    }
    return removed;
  }

  /** The upload's folder, when the upload exists for that location and has not expired {@code now}. */
  Path require(String uploadId, StorageLocation location, Instant now) {
    if (!uploadId.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new NoSuchUploadException(uploadId);
    }
    Path dir = uploads.resolve(uploadId);
    UploadMeta meta = readUploadMeta(dir).orElseThrow(() -> new NoSuchUploadException(uploadId));
    if (!meta.matches(location) || !now.isBefore(meta.expiresAt())) {
      throw new NoSuchUploadException(uploadId);
    }
    return dir;
  }

  private static Optional<UploadMeta> readUploadMeta(Path dir) {
    return StorageFolder.readProperties(dir.resolve("upload.meta")).map(p -> new UploadMeta(p.getProperty("bucket"), p.getProperty("key"),
        Instant.parse(p.getProperty("expiresAt"))));
  }

  private static Map<Integer, StoredPart> readParts(Path dir) {
    Map<Integer, StoredPart> parts = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "part-*.meta")) {
      for (Path metaFile : files) {
        String fileName = metaFile.getFileName().toString();
        int number = Integer.parseInt(fileName.substring("part-".length(), fileName.length() - ".meta".length()));
        Optional<Properties> meta = StorageFolder.readProperties(metaFile);
        if (meta.isPresent() && Files.exists(dir.resolve(partName(number)))) {
          parts.put(number, new StoredPart(number, Long.parseLong(meta.get().getProperty("size")), meta.get().getProperty("md5"),
              Instant.parse(meta.get().getProperty("lastModified"))));
        }
      }
    } catch (NoSuchFileException e) {
      throw new NoSuchUploadException(dir.getFileName().toString());
    } catch (IOException e) {
      throw new DependencyFailureException("cannot list the parts in " + dir, e);
    }
    return parts;
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
