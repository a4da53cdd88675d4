package dev.hangar.adapter.filesystem;

import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.application.port.out.UploadStore;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.KeyLayout;
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import dev.hangar.domain.storage.StoredPart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Build files and multipart uploads in one folder on local disk (see the module README for the layout). */
public final class FileSystemBuildStorage implements BuildStorage, UploadStore, AutoCloseable {
  private static final int BUFFER = 64 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path objects;
  private final Path uploadsDir;
  private final Path tmp;
  private final BucketName bucket;
  private final KeyLayout layout;
  private final Clock clock;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

  /**
   * Opens (or creates) the folder, takes its lock and removes leftovers.
   *
   * @param keepObjects false when the catalog does not survive a restart: the objects of the last run are removed too
   */
  public FileSystemBuildStorage(Path root, BucketName bucket, KeyLayout layout, Clock clock, boolean keepObjects) {
    this.objects = root.resolve("objects");
    this.uploadsDir = root.resolve("uploads");
    this.tmp = root.resolve("tmp");
    this.bucket = bucket;
    this.layout = layout;
    this.clock = clock;
    try {
      Files.createDirectories(objects);
      Files.createDirectories(uploadsDir);
      Files.createDirectories(tmp);
      lockChannel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock taken;
      try {
        taken = lockChannel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        taken = null;
      }
      lock = taken;
      if (lock == null) {
        lockChannel.close();
        throw new IllegalStateException("Another Hangar node is using " + root + "; give each node its own --data-dir");
      }
      deleteChildren(tmp);
      deleteChildren(uploadsDir);
      if (!keepObjects) {
        deleteChildren(objects);
      }
    } catch (IOException e) {
      throw new DependencyFailureException("cannot open the storage folder " + root, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------- BuildStorage

  @Override
  public StorageLocation locationFor(AccountId owner, BuildId id) {
    return StorageLocation.serviceOwned(bucket, layout.keyFor(owner, id));
  }

  @Override
  public Optional<KeyLayout.Owner> ownerOf(BucketName otherBucket, ObjectKey key) {
    return bucket.equals(otherBucket) ? layout.ownerOf(key) : Optional.empty();
  }

  @Override
  public Optional<StoredObject> find(StorageLocation location) {
    String name = nameOf(location);
    synchronized (lockFor(name)) {
      return readObjectMeta(name);
    }
  }

  /** A zip's central directory is read whole; beyond this it is not a build anyone should run (and could exhaust memory). */
  static final long MAX_CENTRAL_DIRECTORY_BYTES = 64L * 1024 * 1024;

  @Override
  public Optional<List<String>> archiveEntries(StorageLocation location) {
    Path data = objects.resolve(nameOf(location));
    if (centralDirectorySize(data).orElse(Long.MAX_VALUE) > MAX_CENTRAL_DIRECTORY_BYTES) {
      return Optional.empty();
    }
    try (ZipFile zip = new ZipFile(data.toFile())) {
      List<String> names = new ArrayList<>();
      zip.stream().map(ZipEntry::getName).forEach(names::add);
      return Optional.of(names);
    } catch (IOException e) {
      // Missing, or not a zip (java.util.zip.ZipException is an IOException).
      return Optional.empty();
    }
  }

  @Override
  public Optional<InputStream> open(StorageLocation location) {
    String name = nameOf(location);
    synchronized (lockFor(name)) {
      if (readObjectMeta(name).isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(Files.newInputStream(objects.resolve(name)));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new DependencyFailureException("cannot read " + location, e);
      }
    }
  }

  /** A positional read: the bytes before the range are skipped on the file channel, never read. */
  @Override
  public Optional<InputStream> open(StorageLocation location, dev.hangar.domain.storage.ByteRange range) {
    String name = nameOf(location);
    synchronized (lockFor(name)) {
      if (readObjectMeta(name).isEmpty()) {
        return Optional.empty();
      }
      try {
        FileChannel channel = FileChannel.open(objects.resolve(name), StandardOpenOption.READ).position(range.offset());
        return Optional.of(new java.io.FilterInputStream(java.nio.channels.Channels.newInputStream(channel)) {
          private long left = range.length();

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
        });
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new DependencyFailureException("cannot read " + location, e);
      }
    }
  }

  @Override
  public StoredObject importObject(StorageLocation source, StorageLocation destination) {
    if (!source.bucket().equals(bucket)) {
      throw new ObjectUnavailableException("The bucket " + source.bucket() + " is not served here; this node stores builds in "
          + bucket + " (upload the zip there first)");
    }
    // The version is checked and the file opened under one lock, so the bytes copied are those of the object
    // that was checked: a later replacement is an atomic rename, and the open file keeps the old contents.
    String name = nameOf(source);
    InputStream checked;
    synchronized (lockFor(name)) {
      StoredObject found = readObjectMeta(name).orElseThrow(() -> new ObjectUnavailableException(
          "No object " + source.key() + " in bucket " + source.bucket()));
      if (source.objectVersion().isPresent() && !source.objectVersion().get().value().equals(found.versionId())) {
        throw new ObjectUnavailableException("The object " + source.key() + " has no version " + source.objectVersion().get());
      }
      try {
        checked = Files.newInputStream(objects.resolve(name));
      } catch (NoSuchFileException e) {
        throw new ObjectUnavailableException("No object " + source.key() + " in bucket " + source.bucket());
      } catch (IOException e) {
        throw new DependencyFailureException("cannot copy " + source, e);
      }
    }
    try (InputStream in = checked) {
      return putObject(destination, in);
    } catch (IOException e) {
      throw new DependencyFailureException("cannot copy " + source, e);
    }
  }

  @Override
  public void deleteFiles(StorageLocation location) {
    String name = nameOf(location);
    synchronized (lockFor(name)) {
      deleteQuietly(objects.resolve(name + ".meta"));
      deleteQuietly(objects.resolve(name));
    }
    for (Path upload : uploadDirs()) {
      synchronized (lockFor("upload/" + upload.getFileName())) {
        readUploadMeta(upload).filter(meta -> meta.matches(location)).ifPresent(meta -> deleteTree(upload));
      }
    }
  }

  // ----------------------------------------------------------------------------------------------- UploadStore

  @Override
  public StoredObject putObject(StorageLocation location, InputStream content) {
    Written written = writeToTemp(content);
    return install(location, written.file(), written.size(), "\"" + written.md5Hex() + "\"");
  }

  @Override
  public String createMultipartUpload(StorageLocation location, Instant expiresAt) {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    String uploadId = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path dir = uploadsDir.resolve(uploadId);
    try {
      Files.createDirectory(dir);
      Properties meta = new Properties();
      meta.setProperty("bucket", location.bucket().value());
      meta.setProperty("key", location.key().value());
      meta.setProperty("expiresAt", expiresAt.toString());
      writeProperties(dir.resolve("upload.meta"), meta);
      return uploadId;
    } catch (IOException e) {
      throw new DependencyFailureException("cannot start a multipart upload", e);
    }
  }

  @Override
  public StoredPart uploadPart(String uploadId, StorageLocation location, int partNumber, InputStream content) {
    Path dir = requireUpload(uploadId, location);
    Written written = writeToTemp(content);
    Instant now = clock.instant();
    synchronized (lockFor("upload/" + uploadId)) {
      try {
        if (!Files.isDirectory(dir)) {
          throw new NoSuchUploadException(uploadId);
        }
        Properties meta = new Properties();
        meta.setProperty("size", Long.toString(written.size()));
        meta.setProperty("md5", written.md5Hex());
        meta.setProperty("lastModified", now.toString());
        writeProperties(dir.resolve(partName(partNumber) + ".meta"), meta);
        Files.move(written.file(), dir.resolve(partName(partNumber)), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new StoredPart(partNumber, written.size(), written.md5Hex(), now);
      } catch (IOException e) {
        throw new DependencyFailureException("cannot store part " + partNumber, e);
      } finally {
        deleteQuietly(written.file());
      }
    }
  }

  @Override
  public List<StoredPart> listParts(String uploadId, StorageLocation location) {
    Path dir = requireUpload(uploadId, location);
    synchronized (lockFor("upload/" + uploadId)) {
      return new ArrayList<>(readParts(dir).values());
    }
  }

  @Override
  public StoredObject completeMultipartUpload(String uploadId, StorageLocation location, List<MultipartUpload.RequestedPart> parts) {
    Path dir = requireUpload(uploadId, location);
    synchronized (lockFor("upload/" + uploadId)) {
      if (!Files.isDirectory(dir)) {
        throw new NoSuchUploadException(uploadId);
      }
      List<StoredPart> selected = MultipartUpload.select(parts, readParts(dir));
      Path assembled = tmp.resolve("complete-" + UUID.randomUUID());
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
        deleteQuietly(assembled);
        throw new DependencyFailureException("cannot assemble multipart upload " + uploadId, e);
      }
      StoredObject object = install(location, assembled, size, MultipartUpload.etagOf(selected));
      deleteTree(dir);
      return object;
    }
  }

  @Override
  public void abortMultipartUpload(String uploadId, StorageLocation location) {
    Path dir = requireUpload(uploadId, location);
    synchronized (lockFor("upload/" + uploadId)) {
      deleteTree(dir);
    }
  }

  @Override
  public int removeExpiredUploads(Instant now) {
    int removed = 0;
    for (Path dir : uploadDirs()) {
      Optional<UploadMeta> meta = readUploadMeta(dir);
      if (meta.isEmpty() || !now.isBefore(meta.get().expiresAt())) {
        synchronized (lockFor("upload/" + dir.getFileName())) {
          deleteTree(dir);
        }
        removed++;
      }
    }
    return removed;
  }

  // ------------------------------------------------------------------------------------------------- internals

  /**
   * The size the zip's end record declares for its central directory (zip64 too), read from the file's tail
   * without loading anything else; empty when there is no end record (not a zip).
   */
  static Optional<Long> centralDirectorySize(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      int tailLength = (int) Math.min(size, 22 + 65_535 + 20);
      ByteBuffer tail = ByteBuffer.allocate(tailLength).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      channel.read(tail, size - tailLength);
      for (int at = tailLength - 22; at >= 0; at--) {
        if (tail.getInt(at) != 0x06054b50) {
          continue;
        }
        long directory = Integer.toUnsignedLong(tail.getInt(at + 12));
        if (directory != 0xFFFFFFFFL) {
          return Optional.of(directory);
        }
        // zip64: the locator just before the end record points at the zip64 end record, which holds the size.
        if (at < 20 || tail.getInt(at - 20) != 0x07064b50) {
          return Optional.empty();
        }
        long zip64End = tail.getLong(at - 20 + 8);
        ByteBuffer record = ByteBuffer.allocate(56).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        channel.read(record, zip64End);
        return record.getInt(0) == 0x06064b50 ? Optional.of(record.getLong(40)) : Optional.empty();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private record Written(Path file, long size, String md5Hex) {
  }

  private record UploadMeta(String bucket, String key, Instant expiresAt) {
    boolean matches(StorageLocation location) {
      return bucket.equals(location.bucket().value()) && key.equals(location.key().value());
    }
  }

  /** Streams {@code content} into a new file in tmp/, fsynced; on any failure the file is gone and the failure goes on. */
  private Written writeToTemp(InputStream content) {
    Path file = tmp.resolve("write-" + UUID.randomUUID());
    MessageDigest md5 = md5();
    long size = 0;
    boolean done = false;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] buffer = new byte[BUFFER];
      ByteBuffer wrapped = ByteBuffer.wrap(buffer);
      int read;
      while ((read = content.read(buffer)) >= 0) {
        md5.update(buffer, 0, read);
        wrapped.clear().limit(read);
        while (wrapped.hasRemaining()) {
          out.write(wrapped);
        }
        size += read;
      }
      out.force(true);
      done = true;
      return new Written(file, size, HexFormat.of().formatHex(md5.digest()));
    } catch (IOException e) {
      throw new DependencyFailureException("cannot write an upload to " + tmp, e);
    } finally {
      if (!done) {
        deleteQuietly(file);
      }
    }
  }

  /** Moves a complete temp file into place with its metadata; the object is replaced as a whole. */
  private StoredObject install(StorageLocation location, Path file, long size, String etag) {
    String name = nameOf(location);
    String versionId = UUID.randomUUID().toString();
    synchronized (lockFor(name)) {
      try {
        Properties meta = new Properties();
        meta.setProperty("bucket", location.bucket().value());
        meta.setProperty("key", location.key().value());
        meta.setProperty("size", Long.toString(size));
        meta.setProperty("etag", etag);
        meta.setProperty("versionId", versionId);
        deleteQuietly(objects.resolve(name + ".meta"));
        Files.move(file, objects.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        writeProperties(objects.resolve(name + ".meta"), meta);
        return new StoredObject(size, etag, versionId, Files.getLastModifiedTime(objects.resolve(name)).toInstant());
      } catch (IOException e) {
        throw new DependencyFailureException("cannot install an object in " + objects, e);
      } finally {
        deleteQuietly(file);
      }
    }
  }

  private Optional<StoredObject> readObjectMeta(String name) {
    Path metaFile = objects.resolve(name + ".meta");
    Path data = objects.resolve(name);
    Optional<Properties> meta = readProperties(metaFile);
    if (meta.isEmpty()) {
      return Optional.empty();
    }
    long size = Long.parseLong(meta.get().getProperty("size"));
    java.time.Instant lastModified;
    try {
      if (Files.size(data) != size) {
        return Optional.empty();
      }
      lastModified = Files.getLastModifiedTime(data).toInstant();
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(new StoredObject(size, meta.get().getProperty("etag"), meta.get().getProperty("versionId"), lastModified));
  }

  private Path requireUpload(String uploadId, StorageLocation location) {
    if (!uploadId.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new NoSuchUploadException(uploadId);
    }
    Path dir = uploadsDir.resolve(uploadId);
    UploadMeta meta = readUploadMeta(dir).orElseThrow(() -> new NoSuchUploadException(uploadId));
    if (!meta.matches(location) || !clock.instant().isBefore(meta.expiresAt())) {
      throw new NoSuchUploadException(uploadId);
    }
    return dir;
  }

  private Optional<UploadMeta> readUploadMeta(Path dir) {
    return readProperties(dir.resolve("upload.meta")).map(p -> new UploadMeta(p.getProperty("bucket"), p.getProperty("key"),
        Instant.parse(p.getProperty("expiresAt"))));
  }

  private Map<Integer, StoredPart> readParts(Path dir) {
    Map<Integer, StoredPart> parts = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "part-*.meta")) {
      for (Path metaFile : files) {
        String fileName = metaFile.getFileName().toString();
        int number = Integer.parseInt(fileName.substring("part-".length(), fileName.length() - ".meta".length()));
        Optional<Properties> meta = readProperties(metaFile);
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
    Map<Integer, StoredPart> sorted = new java.util.TreeMap<>(Comparator.naturalOrder());
    sorted.putAll(parts);
    return sorted;
  }

  private List<Path> uploadDirs() {
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(uploadsDir)) {
      stream.forEach(dirs::add);
    } catch (IOException e) {
      throw new DependencyFailureException("cannot list " + uploadsDir, e);
    }
    return dirs;
  }

  private static String partName(int partNumber) {
    return String.format("part-%05d", partNumber);
  }

  private Object lockFor(String name) {
    return locks.computeIfAbsent(name, k -> new Object());
  }

  /** File names never come from keys: the SHA-256 of bucket and key, in hex. */
  static String nameOf(StorageLocation location) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((location.bucket().value() + "/" + location.key().value()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  private void writeProperties(Path file, Properties properties) throws IOException {
    Path temp = tmp.resolve("meta-" + UUID.randomUUID());
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      java.io.StringWriter text = new java.io.StringWriter();
      properties.store(text, null);
      out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
      out.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Optional<Properties> readProperties(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Properties properties = new Properties();
      properties.load(in);
      return Optional.of(properties);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void deleteChildren(Path dir) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        deleteTree(child);
      }
    }
  }

  private static void deleteTree(Path path) {
    try {
      if (Files.isDirectory(path)) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
          for (Path child : children) {
            deleteTree(child);
          }
        }
      }
      Files.deleteIfExists(path);
    } catch (NoSuchFileException e) {
      // Someone else removed it first: it is gone either way.
    } catch (IOException e) {
      throw new DependencyFailureException("cannot delete " + path, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover in tmp/ is removed at the next start.
    }
  }
}
