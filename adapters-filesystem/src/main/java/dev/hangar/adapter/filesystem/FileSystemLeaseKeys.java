package dev.hangar.adapter.filesystem;

import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.application.port.out.LeaseKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The lease keys of a local node, in one file of the data folder ({@code lease.key}, mode {@code 0600}): one
 * base64 line per key, the sealing key first. The first start draws a key; later starts read it, so a lease
 * issued before a restart is honoured after it. {@link #rotate} puts a new key first and keeps the one before
 * it, so that leases sealed with that one keep working until they expire; older keys are dropped. A file
 * that others may read is refused: the key is what every lease's secret derives from.
 */
public final class FileSystemLeaseKeys implements LeaseKeys {
  public static final String FILE_NAME = "lease.key";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final int KEPT = 2;

  private final List<byte[]> keys;

  /** Reads the file in {@code dataDir}, or creates it with one new key; the caller holds the data folder's lock. */
  public FileSystemLeaseKeys(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        write(file, List.of(draw()));
      }
      this.keys = read(file);
    } catch (IOException e) {
      throw StorageFolder.failure("cannot read or create the lease key file " + file, e);
    }
  }

  @Override
  public List<byte[]> keys() {
    List<byte[]> copies = new ArrayList<>(keys.size());
    keys.forEach(key -> copies.add(key.clone()));
    return copies;
  }

  /**
   * Draws a new sealing key, keeps the previous one for the leases it sealed, drops any older; a running node
   * uses the new key from its next start. Returns how many keys the file now holds.
   */
  public static int rotate(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      List<byte[]> next = new ArrayList<>();
      next.add(draw());
      if (Files.exists(file)) {
        List<byte[]> current = read(file);
        next.addAll(current.subList(0, Math.min(KEPT - 1, current.size())));
      }
      write(file, next);
      return next.size();
    } catch (IOException e) {
      throw StorageFolder.failure("cannot rotate the lease key in " + file, e);
    }
  }

  private static List<byte[]> read(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw new DependencyFailureException("the lease key file " + file + " may be read by others ("
          + PosixFilePermissions.toString(permissions) + "); make it rw------- (chmod 600)");
    }
    List<byte[]> keys = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      if (line.isBlank()) {
        continue;
      }
      byte[] key;
      try {
        key = Base64.getDecoder().decode(line.trim());
      } catch (IllegalArgumentException e) {
        key = new byte[0];
      }
      if (key.length != 32) {
        throw new DependencyFailureException("the lease key file " + file + " holds a line that is not a base64 key of 32 bytes");
      }
      keys.add(key);
    }
    if (keys.isEmpty()) {
      throw new DependencyFailureException("the lease key file " + file + " holds no key");
    }
    return keys;
  }

  /** Through a temporary file created 0600, fsynced, renamed into place, and the folder fsynced. */
  private static void write(Path file, List<byte[]> keys) throws IOException {
    StringBuilder text = new StringBuilder();
    keys.forEach(key -> text.append(Base64.getEncoder().encodeToString(key)).append('\n'));
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(FILE_NAME + ".new");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    StorageFolder.syncDirectory(dir);
  }

  private static byte[] draw() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
