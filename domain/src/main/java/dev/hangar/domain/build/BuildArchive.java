package dev.hangar.domain.build;

import java.util.List;
import java.util.Optional;

/**
 * The rules a build's zip must pass to become READY: it is a zip, it has at least one entry, and no entry
 * escapes the build root (no absolute path, no drive letter, no {@code ..} segment, with either slash). Every
 * storage adapter only reports the entry names it read; this is the one place that judges them.
 */
public final class BuildArchive {
  /** What the rules say about an uploaded object. */
  public record Verdict(boolean usable, String reason) {
    public static final Verdict USABLE = new Verdict(true, "a zip whose entries stay inside the build root");
  }

  private BuildArchive() {
  }

  /** @param entryNames the zip's entry names (an empty list for a zip without entries), or empty when the object is not a readable zip */
  public static Verdict judge(Optional<List<String>> entryNames) {
    if (entryNames.isEmpty()) {
      return new Verdict(false, "the object is not a zip file");
    }
    if (entryNames.get().isEmpty()) {
      return new Verdict(false, "the zip has no entries");
    }
    for (String name : entryNames.get()) {
      if (escapesRoot(name)) {
        return new Verdict(false, "the zip entry '" + name + "' escapes the build root");
      }
    }
    return Verdict.USABLE;
  }

  static boolean escapesRoot(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
      return true;
    }
    for (String segment : name.split("[/\\\\]")) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return false;
  }
}
