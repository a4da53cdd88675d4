package dev.hangar.adapter.filesystem;

import dev.hangar.application.port.out.ContentMd5;
import dev.hangar.application.port.out.DependencyFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The storage folder on local disk (see the module README for the layout): one node holds it, through a
 * lock on {@code .lock}; everything is written into {@code tmp/}, fsynced, and only then renamed into place.
 * The names in it are locked in-process through {@link #locks()}, shared by the stores that use the folder.
 */
public final class StorageFolder implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;
  private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");

  private final Path root;
  private final boolean temporary;
  private final Path objects;
  private final Path uploads;
  private final Path tmp;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final KeyedLocks locks = new KeyedLocks();

  /**
   * Opens (or creates) the folder, takes its lock and removes leftovers in {@code tmp/}.
   *
   * @param keepObjects false when the catalog does not survive a restart: the objects and multipart uploads of
   *     the last run are removed too (with a durable catalog, the upload store reconciles them instead)
   */
  public StorageFolder(Path root, boolean keepObjects) {
    this(root, keepObjects, false);
  }

  /** A folder of its own under the system's temporary folder, deleted with everything in it on {@link #close()}. */
  public static StorageFolder temporary() {
    try {
      return new StorageFolder(Files.createTempDirectory("hangar-memory-"), false, true);
    } catch (IOException e) {
      throw failure("cannot create a temporary storage folder", e);
    }
  }

  private StorageFolder(Path root, boolean keepObjects, boolean temporary) {
    this.root = root;
    this.temporary = temporary;
    this.objects = root.resolve("objects");
    this.uploads = root.resolve("uploads");
    this.tmp = root.resolve("tmp");
    try {
      Files.createDirectories(objects);
      Files.createDirectories(uploads);
      Files.createDirectories(tmp);
      lockChannel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock taken;
      try {
        taken = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        taken = null;
      }
      lock = taken;
      if (lock == null) {
        lockChannel.close();
        throw new IllegalStateException("Another Hangar node is using " + root + "; give each node its own --data-dir");
      }
      deleteChildren(tmp);
      if (!keepObjects) {
        deleteChildren(uploads);
        deleteChildren(objects);
      }
    } catch (IOException e) {
      throw new DependencyFailureException("cannot open the storage folder " + root, e);
    }
  }

  /** Releases the folder for another node; a temporary folder is deleted. */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (temporary) {
      deleteTree(root);
    }
  }

  /** The folder itself. */
  public Path root() {
    return root;
  }

  Path objects() {
    return objects;
  }

  Path uploads() {
    return uploads;
  }

  KeyedLocks locks() {
    return locks;
  }

  /** A file written whole into tmp/ and fsynced, with its size and the MD5 of its bytes. */
  record Written(Path file, long size, String md5Hex) {
  }

  /** A fresh name in tmp/, for a file the caller writes itself. */
  Path newTemp(String prefix) {
    return tmp.resolve(prefix + "-" + UUID.randomUUID());
  }

  /** Streams {@code content} into a new file in tmp/, fsynced; on any failure the file is gone and the failure goes on. */
  Written writeToTemp(InputStream content) {
    Path file = newTemp("write");
    // Content that digests itself as it is read (the verified payload) is not digested again.
    MessageDigest md5 = content instanceof ContentMd5 ? null : digest("MD5");
    long size = 0;
    boolean done = false;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] buffer = new byte[BUFFER];
      ByteBuffer wrapped = ByteBuffer.wrap(buffer);
      int read;
      while ((read = content.read(buffer)) >= 0) {
        if (md5 != null) {
          md5.update(buffer, 0, read);
        }
        wrapped.clear().limit(read);
        while (wrapped.hasRemaining()) {
          out.write(wrapped);
        }
        size += read;
      }
      out.force(true);
      String md5Hex = md5 != null ? HexFormat.of().formatHex(md5.digest()) : reported((ContentMd5) content);
      done = true;
      return new Written(file, size, md5Hex);
    } catch (IOException e) {
      throw failure("cannot write an upload to " + tmp, e);
    } finally {
      if (!done) {
        deleteQuietly(file);
      }
    }
  }

  /**
   * fsyncs a directory, so that a file created, renamed or deleted in it stays so after power loss (the
   * file's own fsync does not cover its name).
   */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** A failure of the disk as the ports report it; a full disk is named as such. */
  static DependencyFailureException failure(String what, IOException e) {
    String message = e.getMessage();
    if (message != null && message.contains("No space left on device")) {
      return new DependencyFailureException(what + ": the disk is full", e);
    }
    return new DependencyFailureException(what, e);
  }

  /** Renames a complete file over {@code target} in one step: a reader sees the old file or the new one, never a part. */
  static void moveIntoPlace(Path file, Path target) throws IOException {
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes a small properties file through tmp/, fsynced, and renames it into place. */
  void writeProperties(Path file, Properties properties) throws IOException {
    Path temp = newTemp("meta");
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      StringWriter text = new StringWriter();
      properties.store(text, null);
      out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
      out.force(true);
    }
    moveIntoPlace(temp, file);
  }

  /** The properties in that file; empty when it is missing or unreadable. */
  static Optional<Properties> readProperties(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Properties properties = new Properties();
      properties.load(in);
      return Optional.of(properties);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static List<Path> children(Path dir) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(found::add);
    } catch (IOException e) {
      throw new DependencyFailureException("cannot list " + dir, e);
    }
    return found;
  }

  private static void deleteChildren(Path dir) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        deleteTree(child);
      }
    }
  }

  static void deleteTree(Path path) {
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

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover in tmp/ is removed at the next start.
    }
  }

  /** The MD5 the content computed of the bytes it returned; a value of another shape is a bug of its source. */
  private static String reported(ContentMd5 content) {
    String md5Hex = content.md5Hex();
    if (md5Hex == null || !MD5_HEX.matcher(md5Hex).matches()) {
      throw new IllegalStateException("the content reported an MD5 that is not 32 lower-case hex digits");
    }
    return md5Hex;
  }

  /** The module's one factory of digests: MD5 for ETags, SHA-256 for file names. */
  static MessageDigest digest(String jdkName) {
    try {
      return MessageDigest.getInstance(jdkName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jdkName + " is part of every JDK", e);
    }
  }
}
