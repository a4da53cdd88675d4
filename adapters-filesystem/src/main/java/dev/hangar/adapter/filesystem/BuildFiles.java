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
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * The build files in {@code objects/}: each object is named by the SHA-256 of its bucket and key, with a {@code .meta}
 * beside it, and its bytes are either one data file of that name (a PutObject, an import) or, for a completed
 * multipart upload, the parts it was uploaded in: hard links of the upload's part files in {@code
 * <name>.<version>.parts/}, listed in order in the {@code .meta} (schema version 2), so that completing an upload
 * writes none of its bytes again. An object is replaced as a whole, under the lock of its name.
 */
final class BuildFiles {
  /** A zip's central directory is read whole; beyond this it is not a build anyone should run (and could exhaust memory). */
  static final long MAX_CENTRAL_DIRECTORY_BYTES = 64L * 1024 * 1024;

  private final StorageFolder folder;
  private final Path objects;
  private final KeyedLocks locks;
  /** Bytes read through objects kept as parts (for tests: what judging a completed upload reads). */
  final LongAdder partBytesRead = new LongAdder();

  /** What a {@code .meta} says: the object, and its parts when it is kept as parts (then {@code partsDir} is set). */
  private record Meta(String name, StoredObject object, String partsDir, List<String> partNames, List<Long> partSizes) {
  }

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
    String name = nameOf(location);
    Optional<SeekableByteChannel> opened;
    try {
      opened = locks.holding(name, () -> readFullMeta(name).flatMap(this::openQuietly));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    try (SeekableByteChannel channel = opened.get()) {
      return ZipCentralDirectory.entryNames(channel, MAX_CENTRAL_DIRECTORY_BYTES);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Optional<SeekableByteChannel> openQuietly(Meta meta) {
    try {
      return Optional.of(channel(meta));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The object's bytes as one channel: its data file, or its parts in order. */
  private SeekableByteChannel channel(Meta meta) throws IOException {
    if (meta.partsDir() == null) {
      return FileChannel.open(objects.resolve(meta.name()), StandardOpenOption.READ);
    }
    List<FileChannel> opened = new ArrayList<>();
    try {
      Path dir = objects.resolve(meta.partsDir());
      for (String part : meta.partNames()) {
        opened.add(FileChannel.open(dir.resolve(part), StandardOpenOption.READ));
      }
    } catch (IOException e) {
      for (FileChannel channel : opened) {
        channel.close();
      }
      throw e;
    }
    return new PartsChannel(opened, meta.partSizes(), partBytesRead);
  }

  /** The stored bytes, when there is an object there in full and {@code version} (if given) is its version. */
  Optional<InputStream> open(StorageLocation location, Optional<ObjectVersion> version) {
    String name = nameOf(location);
    // The version is checked and the files opened under one lock, so the bytes read are those of the object
    // that was checked: a later replacement is an atomic rename, and the open files keep the old contents.
    return locks.holding(name, () -> {
      Optional<Meta> found = readFullMeta(name);
      if (found.isEmpty()) {
        return Optional.<InputStream>empty();
      }
      if (version.isPresent() && !version.get().value().equals(found.get().object().versionId())) {
        throw new ObjectUnavailableException("The object " + location.key() + " has no version " + version.get());
      }
      try {
        return Optional.of(Channels.newInputStream(channel(found.get())));
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
      Optional<Meta> found = readFullMeta(name);
      if (found.isEmpty()) {
        return Optional.<InputStream>empty();
      }
      try {
        SeekableByteChannel channel = channel(found.get()).position(range.offset());
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
        Optional<String> replacedParts = partsDirOf(name);
        Properties meta = metaOf(location, size, etag, versionId);
        StorageFolder.deleteQuietly(objects.resolve(name + ".meta"));
        StorageFolder.moveIntoPlace(file, objects.resolve(name));
        folder.writeProperties(objects.resolve(name + ".meta"), meta);
        // Both names are durable before the caller reports the object stored.
        StorageFolder.syncDirectory(objects);
        replacedParts.ifPresent(dir -> StorageFolder.deleteTree(objects.resolve(dir)));
        return new StoredObject(size, etag, versionId, Files.getLastModifiedTime(objects.resolve(name)).toInstant());
      } catch (IOException e) {
        throw StorageFolder.failure("cannot install an object in " + objects, e);
      } finally {
        StorageFolder.deleteQuietly(file);
      }
    });
  }

  /**
   * Installs a completed multipart upload as its parts: each file hard-linked (no byte copied) into a new
   * {@code <name>.<version>.parts/}, that folder fsynced, then the {@code .meta} naming them written and the objects
   * folder fsynced. The upload's own files stay until the upload is forgotten, so a crash before the {@code .meta}
   * leaves the upload whole (and the folder, which start-up deletes). Where hard links are not supported, a part is
   * copied and fsynced instead.
   */
  StoredObject installParts(StorageLocation location, List<Path> partFiles, List<Long> sizes, String etag) {
    String name = nameOf(location);
    String versionId = UUID.randomUUID().toString();
    String dirName = name + "." + versionId + ".parts";
    long size = sizes.stream().mapToLong(Long::longValue).sum();
    return locks.holding(name, () -> {
      Path dir = objects.resolve(dirName);
      try {
        Optional<String> replacedParts = partsDirOf(name);
        Files.createDirectory(dir);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < partFiles.size(); i++) {
          String partName = String.format("part-%05d", i + 1);
          link(partFiles.get(i), dir.resolve(partName));
          names.add(partName);
        }
        StorageFolder.syncDirectory(dir);
        Properties meta = metaOf(location, size, etag, versionId);
        meta.setProperty("partsDir", dirName);
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
          parts.append(i == 0 ? "" : "/").append(names.get(i)).append(':').append(sizes.get(i));
        }
        meta.setProperty("parts", parts.toString());
        StorageFolder.deleteQuietly(objects.resolve(name + ".meta"));
        StorageFolder.deleteQuietly(objects.resolve(name));
        folder.writeProperties(objects.resolve(name + ".meta"), meta);
        StorageFolder.syncDirectory(objects);
        replacedParts.ifPresent(old -> StorageFolder.deleteTree(objects.resolve(old)));
        return new StoredObject(size, etag, versionId, Files.getLastModifiedTime(objects.resolve(name + ".meta")).toInstant());
      } catch (IOException e) {
        StorageFolder.deleteTree(dir);
        throw StorageFolder.failure("cannot install an object in " + objects, e);
      }
    });
  }

  private static void link(Path source, Path target) throws IOException {
    try {
      Files.createLink(target, source);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
      Files.copy(source, target);
      try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    }
  }

  private static Properties metaOf(StorageLocation location, long size, String etag, String versionId) {
    Properties meta = new Properties();
    meta.setProperty("bucket", location.bucket().value());
    meta.setProperty("key", location.key().value());
    meta.setProperty("size", Long.toString(size));
    meta.setProperty("etag", etag);
    meta.setProperty("versionId", versionId);
    return meta;
  }

  /** The parts folder the object's {@code .meta} names, if it is kept as parts. */
  private Optional<String> partsDirOf(String name) {
    return StorageFolder.readProperties(objects.resolve(name + ".meta")).map(p -> p.getProperty("partsDir"));
  }

  void delete(StorageLocation location) {
    String name = nameOf(location);
    locks.holding(name, () -> {
      Optional<String> parts = partsDirOf(name);
      StorageFolder.deleteQuietly(objects.resolve(name + ".meta"));
      StorageFolder.deleteQuietly(objects.resolve(name));
      parts.ifPresent(dir -> StorageFolder.deleteTree(objects.resolve(dir)));
    });
  }

  private Optional<StoredObject> readMeta(String name) {
    return readFullMeta(name).map(Meta::object);
  }

  /** The object's {@code .meta}, when its bytes are all there in the sizes it records. */
  private Optional<Meta> readFullMeta(String name) {
    Optional<Properties> meta = StorageFolder.readProperties(objects.resolve(name + ".meta"));
    if (meta.isEmpty()) {
      return Optional.empty();
    }
    Properties p = meta.get();
    long size = Long.parseLong(p.getProperty("size"));
    String partsDir = p.getProperty("partsDir");
    try {
      if (partsDir == null) {
        if (Files.size(objects.resolve(name)) != size) {
          return Optional.empty();
        }
        java.time.Instant lastModified = Files.getLastModifiedTime(objects.resolve(name)).toInstant();
        return Optional.of(new Meta(name, new StoredObject(size, p.getProperty("etag"), p.getProperty("versionId"), lastModified),
            null, List.of(), List.of()));
      }
      List<String> names = new ArrayList<>();
      List<Long> sizes = new ArrayList<>();
      long total = 0;
      for (String part : p.getProperty("parts", "").split("/")) {
        int colon = part.lastIndexOf(':');
        String partName = part.substring(0, colon);
        long partSize = Long.parseLong(part.substring(colon + 1));
        if (Files.size(objects.resolve(partsDir).resolve(partName)) != partSize) {
          return Optional.empty();
        }
        names.add(partName);
        sizes.add(partSize);
        total += partSize;
      }
      if (total != size) {
        return Optional.empty();
      }
      java.time.Instant lastModified = Files.getLastModifiedTime(objects.resolve(name + ".meta")).toInstant();
      return Optional.of(new Meta(name, new StoredObject(size, p.getProperty("etag"), p.getProperty("versionId"), lastModified),
          partsDir, List.copyOf(names), List.copyOf(sizes)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
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
   * Deletes what a crash in the middle of {@link #install} or {@link #installParts} leaves: a data file or a parts
   * folder that no {@code .meta} names (never reported stored, or replaced), or a {@code .meta} whose bytes are not
   * there.
   */
  void removeIncomplete() {
    for (Path file : StorageFolder.children(objects)) {
      String fileName = file.getFileName().toString();
      if (Files.isDirectory(file)) {
        int dot = fileName.indexOf('.');
        String base = dot < 0 ? fileName : fileName.substring(0, dot);
        if (!fileName.equals(partsDirOf(base).orElse(null))) {
          StorageFolder.deleteTree(file);
        }
      } else if (fileName.endsWith(".meta")) {
        String base = fileName.substring(0, fileName.length() - ".meta".length());
        Optional<String> parts = partsDirOf(base);
        if (!Files.exists(objects.resolve(parts.orElse(base)))) {
          StorageFolder.deleteQuietly(file);
        }
      } else {
        Optional<Properties> meta = StorageFolder.readProperties(objects.resolve(fileName + ".meta"));
        if (meta.isEmpty() || meta.get().getProperty("partsDir") != null) {
          StorageFolder.deleteQuietly(file);
        }
      }
    }
  }
}
