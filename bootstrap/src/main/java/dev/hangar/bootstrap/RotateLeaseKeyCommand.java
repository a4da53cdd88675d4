package dev.hangar.bootstrap;

import dev.hangar.adapter.filesystem.FileSystemLeaseKeys;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code java -jar hangar.jar rotate-lease-key [--data-dir <folder>]}: draws a new key for sealing upload leases
 * into {@code <data-dir>/lease.key}, keeping the previous one so that leases it sealed stay valid until they expire;
 * a key older than that is dropped, and with it every lease it sealed. A running node seals with the new key from
 * its next start.
 */
final class RotateLeaseKeyCommand {
  static final String NAME = "rotate-lease-key";

  private RotateLeaseKeyCommand() {
  }

  /** @return the process's exit code */
  static int run(String[] args, Map<String, String> env) {
    Path dataDir;
    try {
      dataDir = ServiceConfig.parse(java.util.Arrays.copyOfRange(args, 1, args.length), env).dataDir();
    } catch (ConfigException e) {
      System.err.println("hangar " + NAME + ": " + e.getMessage());
      return 2;
    }
    try {
      java.nio.file.Files.createDirectories(dataDir);
      int kept = FileSystemLeaseKeys.rotate(dataDir);
      System.out.println("New lease key in " + dataDir.resolve(FileSystemLeaseKeys.FILE_NAME) + " (" + kept
          + " key(s) kept: the new one seals, the previous one still opens the leases it sealed). Restart the node to use it.");
      return 0;
    } catch (Exception e) {
      System.err.println("hangar " + NAME + ": cannot rotate the lease key in " + dataDir + ": " + e.getMessage());
      return 1;
    }
  }
}
