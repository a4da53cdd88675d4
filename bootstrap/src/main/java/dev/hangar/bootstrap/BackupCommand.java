package dev.hangar.bootstrap;

import dev.hangar.adapter.filesystem.LocalBackup;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code java -jar hangar.jar backup --to <folder> [--data-dir <folder>]}: copies a local node's data folder,
 * while the node runs, into a new folder that a node can be started on ({@code --data-dir <folder>}).
 */
final class BackupCommand {
  static final String NAME = "backup";

  private BackupCommand() {
  }

  /** @return the process's exit code */
  static int run(String[] args, Map<String, String> env) {
    Path to = null;
    java.util.List<String> rest = new java.util.ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--to") && i + 1 < args.length) {
        to = Path.of(args[++i]);
      } else if (args[i].startsWith("--to=")) {
        to = Path.of(args[i].substring("--to=".length()));
      } else {
        rest.add(args[i]);
      }
    }
    if (to == null) {
      System.err.println("hangar backup: --to <folder> is required (a new or empty folder for the copy)");
      return 2;
    }
    Path from;
    try {
      from = ServiceConfig.parse(rest.toArray(String[]::new), env).dataDir();
    } catch (ConfigException e) {
      System.err.println("hangar backup: " + e.getMessage());
      return 2;
    }
    try {
      LocalBackup.Copied copied = LocalBackup.copy(from, to);
      System.out.println("Backed up " + from + " to " + to + ": the database (" + copied.databaseBytes() + " bytes) and "
          + copied.files() + " file(s), " + copied.fileBytes() + " bytes. Start a node on it with --data-dir " + to);
      return 0;
    } catch (Exception e) {
      System.err.println("hangar backup: cannot back up " + from + " to " + to + ": " + e.getMessage());
      return 1;
    }
  }
}
