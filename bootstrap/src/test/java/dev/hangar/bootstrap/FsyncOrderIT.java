package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.Uploads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The jar on its durable default under {@code strace -f}: the 200 reply of a CreateBuild is written to its socket only
 * after an fsync of the database's WAL has returned, and the 200 of a PutObject only after the uploaded file's fsync,
 * its directory's fsync, and then a WAL fsync (the build's new state) have returned.
 */
class FsyncOrderIT {
  /**
   * {@code <pid> <time> <call>(<fd><path>...} as {@code strace -f -y -ttt} prints it (the pid padded with spaces to the
   * width of the longest); an unfinished call ends there.
   */
  private static final Pattern CALL = Pattern.compile("^(\\d+)\\s+[\\d.]+\\s+(\\w+)\\((\\d+)<([^>]*)>(.*)$");
  private static final Pattern RESUMED = Pattern.compile("^(\\d+)\\s+[\\d.]+\\s+<\\.\\.\\. (\\w+) resumed>(.*)$");

  @TempDir
  Path dir;

  /** One system call: where it started and where it returned in the trace, its fd's path and its text. */
  private record Call(int start, int end, String name, String path, String text) {
    boolean isSync() {
      return name.equals("fsync") || name.equals("fdatasync");
    }
  }

  @Test
  void repliesOf200_writtenOnlyAfterTheirSyncsReturned() throws Exception {
    ExternalTools.requireStrace();
    Path data = dir.resolve("data");
    Path trace = dir.resolve("trace.txt");
    byte[] zip = TestZips.zip(Map.of("server.sh", "echo synced"));
    String buildId;
    try (JarNode node = JarNode.start(data, List.of(), List.of("strace", "-f", "-y", "-qq", "-ttt", "-s", "2048",
        "-e", "trace=read,write,writev,fsync,fdatasync", "-o", trace.toString()));
        GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      Uploads upload = Uploads.newBuild(gameLift, "synced");
      buildId = upload.buildId();
      try (S3Client s3 = upload.s3(node.endpoint())) {
        s3.putObject(b -> b.bucket(upload.location().bucket()).key(upload.location().key()), RequestBody.fromBytes(zip));
      }
      // strace writes the whole trace only when it ends, which it does when its node does.
      node.stopUnderTool();
    }
    List<Call> calls = parse(Files.readAllLines(trace));
    Path objects = data.resolve("storage").resolve("objects").toAbsolutePath();
    Path tmp = data.resolve("storage").resolve("tmp").toAbsolutePath();

    int[] create = exchange(calls, c -> c.text().contains("GameLift.CreateBuild"));
    List<Call> createSyncs = syncsBetween(calls, create);
    assertThat(createSyncs).as("syncs returned between the CreateBuild request of %s and its reply", buildId)
        .anyMatch(c -> c.path().endsWith("hangar.db-wal"));

    int[] put = exchange(calls, c -> c.text().contains("\"PUT /"));
    List<Call> putSyncs = syncsBetween(calls, put);
    int file = indexOf(putSyncs, c -> c.path().startsWith(tmp.toString()), "the uploaded file in " + tmp, putSyncs);
    int directory = indexOf(putSyncs, c -> c.path().equals(objects.toString()), "the directory " + objects, putSyncs);
    int wal = lastIndexOf(putSyncs, c -> c.path().endsWith("hangar.db-wal"));
    assertThat(wal).as("a WAL sync after the file's and the directory's, among %s", putSyncs).isGreaterThan(Math.max(file, directory));
  }

  /**
   * The trace's calls on file descriptors, with an unfinished call (another thread's call was printed while it ran)
   * joined to its resumption.
   */
  private static List<Call> parse(List<String> lines) {
    List<Call> calls = new ArrayList<>();
    Map<String, Call> unfinished = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher call = CALL.matcher(line);
      if (call.matches()) {
        Call started = new Call(i, i, call.group(2), call.group(4), call.group(5));
        if (line.endsWith("<unfinished ...>")) {
          unfinished.put(call.group(1) + " " + call.group(2), started);
        } else {
          calls.add(started);
        }
        continue;
      }
      Matcher resumed = RESUMED.matcher(line);
      if (resumed.matches()) {
        Call started = unfinished.remove(resumed.group(1) + " " + resumed.group(2));
        if (started != null) {
          // A read's data is printed when it returns: on the resumed line.
          calls.add(new Call(started.start(), i, started.name(), started.path(), started.text() + resumed.group(3)));
        }
      }
    }
    calls.sort(java.util.Comparator.comparingInt(Call::start));
    return calls;
  }

  /** [the line where the request's read returned, the line where its 200 reply's write started], on one socket. */
  private static int[] exchange(List<Call> calls, Predicate<Call> request) {
    Call read = calls.stream().filter(c -> c.name().equals("read") && c.path().startsWith("socket:") && request.test(c))
        .findFirst().orElseThrow(() -> new AssertionError("no such request read in the trace; socket reads: "
            + calls.stream().filter(c -> c.name().equals("read") && c.path().startsWith("socket:")).limit(6).toList()));
    Call reply = calls.stream().filter(c -> c.start() > read.end() && c.path().equals(read.path())
            && (c.name().equals("writev") || c.name().equals("write")) && c.text().contains("HTTP/1.1 200"))
        .findFirst().orElseThrow(() -> new AssertionError("no 200 reply on " + read.path() + " after " + read));
    return new int[] {read.end(), reply.start()};
  }

  private static List<Call> syncsBetween(List<Call> calls, int[] exchange) {
    return calls.stream().filter(c -> c.isSync() && c.start() > exchange[0] && c.end() < exchange[1]).toList();
  }

  private static int indexOf(List<Call> calls, Predicate<Call> which, String what, List<Call> all) {
    for (int i = 0; i < calls.size(); i++) {
      if (which.test(calls.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no sync of " + what + " returned before the reply; syncs: " + all);
  }

  private static int lastIndexOf(List<Call> calls, Predicate<Call> which) {
    for (int i = calls.size() - 1; i >= 0; i--) {
      if (which.test(calls.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
