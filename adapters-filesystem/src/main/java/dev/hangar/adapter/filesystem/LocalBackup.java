package dev.hangar.adapter.filesystem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * A copy of a local node's data folder taken while the node runs, from another process: the database first, as
 * one consistent snapshot ({@code VACUUM INTO} on a read-only connection: in WAL mode a reader neither blocks
 * the node's writer nor waits for it), then the files. A node started on the copy has every build committed
 * before the snapshot; its start-up reconciliation settles what changed between the snapshot and the copy of
 * the files (an object deleted or replaced meanwhile leaves its build FAILED, a file of a later build is deleted).
 */
public final class LocalBackup {
  /** What one backup copied. */
  public record Copied(long databaseBytes, int files, long fileBytes) {
  }

  private LocalBackup() {
  }

  /**
   * Copies the data folder {@code from} (a node may be running on it) into {@code to}, which must not exist or be
   * empty.
   *
   * @throws IllegalStateException when {@code from} holds no database, or {@code to} is not empty
   * @throws IOException when a file cannot be copied
   * @throws SQLException when the database cannot be read
   */
  public static Copied copy(Path from, Path to) throws IOException, SQLException {
    Path database = from.resolve(CatalogDatabase.FILE_NAME);
    if (!Files.isRegularFile(database)) {
      throw new IllegalStateException("No Hangar database in " + from + " (expected " + database + ")");
    }
    Files.createDirectories(to);
    try (DirectoryStream<Path> existing = Files.newDirectoryStream(to)) {
      if (existing.iterator().hasNext()) {
        throw new IllegalStateException("The backup folder " + to + " is not empty; give a new or empty folder");
      }
    }
    Path copy = to.resolve(CatalogDatabase.FILE_NAME);
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    try (Connection connection = config.createConnection("jdbc:sqlite:" + database);
        PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
      vacuum.setString(1, copy.toString());
      vacuum.execute();
    }
    int[] files = new int[1];
    long[] bytes = new long[1];
    copyTree(from.resolve("storage").resolve("objects"), to.resolve("storage").resolve("objects"), files, bytes);
    copyTree(from.resolve("storage").resolve("uploads"), to.resolve("storage").resolve("uploads"), files, bytes);
    // The lease key too, so that leases issued by the node are honoured by a node started on the copy.
    for (String name : new String[] {FileSystemLeaseKeys.FILE_NAME, "credentials.env"}) {
      Path source = from.resolve(name);
      if (Files.exists(source)) {
        Path target = to.resolve(name);
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(target, java.nio.file.StandardOpenOption.WRITE)) {
          channel.force(true);
        }
      }
    }
    StorageFolder.syncDirectory(to);
    return new Copied(Files.size(copy), files[0], bytes[0]);
  }

  /** Copies what is there when each file is reached; a file removed meanwhile is skipped. */
  private static void copyTree(Path source, Path target, int[] files, long[] bytes) throws IOException {
    Files.createDirectories(target);
    if (!Files.isDirectory(source)) {
      return;
    }
    for (Path child : StorageFolder.children(source)) {
      Path destination = target.resolve(child.getFileName().toString());
      if (Files.isDirectory(child)) {
        copyTree(child, destination, files, bytes);
        continue;
      }
      try {
        Files.copy(child, destination, StandardCopyOption.COPY_ATTRIBUTES);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(destination, java.nio.file.StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        files[0]++;
        bytes[0] += Files.size(destination);
      } catch (NoSuchFileException | FileAlreadyExistsException e) {
        // Deleted (or renamed away) by the node since it was listed: the snapshot settles it at the copy's start-up.
      }
    }
  }
}
