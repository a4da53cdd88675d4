package dev.hangar.adapter.filesystem;

import dev.hangar.application.port.out.BuildStorage.ObjectUnavailableException;
import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.domain.storage.ByteRange;
import dev.hangar.domain.storage.ObjectVersion;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The build files in {@code objects/}: each object is a data file named by the SHA-256 of its bucket and key
 * and a {@code .meta} beside it; it is replaced as a whole, under the lock of its name.
 */
final class BuildFiles {
  /** A zip's central directory is read whole; beyond this it is not a build anyone should run (and could exhaust memory). */
  static final long MAX_CENTRAL_DIRECTORY_BYTES = 64L * 1024 * 1024;

  private final StorageFolder folder;
  private final Path objects;
  private final KeyedLocks locks;

  BuildFiles(StorageFolder folder) {
    this.folder = folder;
    this.objects = folder.objects();
    this.locks = folder.locks();
  }

  Optional<StoredObject> find(StorageLocation location) {
    String name = nameOf(location);
    return locks.holding(name, () -> readMeta(name));
  }

  /** The entry names of the zip stored there; empty when it is missing, not a zip, or its directory is too large. */
  Optional<List<String>> entryNames(StorageLocation location) {
    try (FileChannel channel = FileChannel.open(objects.resolve(nameOf(location)), StandardOpenOption.READ)) {
      return ZipCentralDirectory.entryNames(channel, MAX_CENTRAL_DIRECTORY_BYTES);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The stored bytes, when there is an object there in full and {@code version} (if given) is its version. */
  Optional<InputStream> open(StorageLocation location, Optional<ObjectVersion> version) {
    String name = nameOf(location);
    // The version is checked and the file opened under one lock, so the bytes read are those of the object
    // that was checked: a later replacement is an atomic rename, and the open file keeps the old contents.
    return locks.holding(name, () -> {
      Optional<StoredObject> found = readMeta(name);
      if (found.isEmpty()) {
        return Optional.<InputStream>empty();
      }
      if (version.isPresent() && !version.get().value().equals(found.get().versionId())) {
        throw new ObjectUnavailableException("The object " + location.key() + " has no version " + version.get());
      }
      try {
        return Optional.of(Files.newInputStream(objects.resolve(name)));
      } catch (NoSuchFileException e) {
        return Optional.<InputStream>empty();
      } catch (IOException e) {
        throw new DependencyFailureException("cannot read " + location, e);
      }
    });
  }

  /** The bytes of {@code range} of the object there: a positional read, the bytes before the range never read. */
  Optional<InputStream> open(StorageLocation location, ByteRange range) {
    String name = nameOf(location);
    return locks.holding(name, () -> {
      if (readMeta(name).isEmpty()) {
        return Optional.<InputStream>empty();
      }
      try {
        FileChannel channel = FileChannel.open(objects.resolve(name), StandardOpenOption.READ).position(range.offset());
        return Optional.<InputStream>of(new BoundedInputStream(Channels.newInputStream(channel), range.length()));
      } catch (NoSuchFileException e) {
        return Optional.<InputStream>empty();
      } catch (IOException e) {
        throw new DependencyFailureException("cannot read " + location, e);
      }
    });
  }

  /** At most {@code limit} bytes of a stream. */
  private static final class BoundedInputStream extends FilterInputStream {
    private long left;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int read = super.read(buffer, offset, (int) Math.min(length, left));
      left -= Math.max(read, 0);
      return read;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, left));
      left -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(super.available(), left);
    }
  }

  /** Streams {@code content} into tmp/ and installs it whole, with the MD5 of its bytes as its ETag. */
  StoredObject write(StorageLocation location, InputStream content) {
    StorageFolder.Written written = folder.writeToTemp(content);
    return install(location, written.file(), written.size(), "\"" + written.md5Hex() + "\"");
  }

  /** Moves a complete temp file into place with its metadata; the object is replaced as a whole. */
  StoredObject install(StorageLocation location, Path file, long size, String etag) {
    String name = nameOf(location);
    String versionId = UUID.randomUUID().toString();
    return locks.holding(name, () -> {
      try {
        Properties meta = new Properties();
        meta.setProperty("bucket", location.bucket().value());
        meta.setProperty("key", location.key().value());
        meta.setProperty("size", Long.toString(size));
        meta.setProperty("etag", etag);
        meta.setProperty("versionId", versionId);
        StorageFolder.deleteQuietly(objects.resolve(name + ".meta"));
        StorageFolder.moveIntoPlace(file, objects.resolve(name));
        folder.writeProperties(objects.resolve(name + ".meta"), meta);
        // Both names are durable before the caller reports the object stored.
        StorageFolder.syncDirectory(objects);
        return new StoredObject(size, etag, versionId, Files.getLastModifiedTime(objects.resolve(name)).toInstant());
      } catch (IOException e) {
        throw StorageFolder.failure("cannot install an object in " + objects, e);
      } finally {
        StorageFolder.deleteQuietly(file);
      }
    });
  }

  void delete(StorageLocation location) {
    String name = nameOf(location);
    locks.holding(name, () -> {
      StorageFolder.deleteQuietly(objects.resolve(name + ".meta"));
      StorageFolder.deleteQuietly(objects.resolve(name));
    });
  }

  private Optional<StoredObject> readMeta(String name) {
    Optional<Properties> meta = StorageFolder.readProperties(objects.resolve(name + ".meta"));
    if (meta.isEmpty()) {
      return Optional.empty();
    }
    long size = Long.parseLong(meta.get().getProperty("size"));
    java.time.Instant lastModified;
    try {
      if (Files.size(objects.resolve(name)) != size) {
        return Optional.empty();
      }
      lastModified = Files.getLastModifiedTime(objects.resolve(name)).toInstant();
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(new StoredObject(size, meta.get().getProperty("etag"), meta.get().getProperty("versionId"), lastModified));
  }

  /** File names never come from keys: the SHA-256 of bucket and key, in hex. */
  static String nameOf(StorageLocation location) {
    byte[] digest = StorageFolder.digest("SHA-256")
        .digest((location.bucket().value() + "/" + location.key().value()).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  /** The location of every object whose metadata is in place, read one {@code .meta} at a time. */
  void forEachObject(java.util.function.Consumer<StorageLocation> action) {
    for (Path meta : StorageFolder.children(objects)) {
      if (!meta.getFileName().toString().endsWith(".meta")) {
        continue;
      }
      StorageFolder.readProperties(meta).ifPresent(p -> action.accept(StorageLocation.serviceOwned(
          new dev.hangar.domain.storage.BucketName(p.getProperty("bucket")), new dev.hangar.domain.storage.ObjectKey(p.getProperty("key")))));
    }
  }

  /**
   * Deletes what a crash in the middle of {@link #install} leaves: a data file without its {@code .meta}
   * (never reported stored), or a {@code .meta} without its data file.
   */
  void removeIncomplete() {
    for (Path file : StorageFolder.children(objects)) {
      String fileName = file.getFileName().toString();
      Path partner = fileName.endsWith(".meta")
          ? objects.resolve(fileName.substring(0, fileName.length() - ".meta".length()))
          : objects.resolve(fileName + ".meta");
      if (!Files.exists(partner)) {
        StorageFolder.deleteQuietly(file);
      }
    }
  }
}
