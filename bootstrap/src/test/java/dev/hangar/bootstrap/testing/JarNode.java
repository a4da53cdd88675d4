package dev.hangar.bootstrap.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runnable jar started as a user starts it, with the test principal's keys, on a free loopback port. */
public final class JarNode implements AutoCloseable {
  private static final Path JAR = Path.of("target", "hangar.jar").toAbsolutePath();
  private static final Pattern ENDPOINT = Pattern.compile("at (https?://127\\.0\\.0\\.1:\\d+)");

  private final Process process;
  private final URI endpoint;
  private final Path stderr;
  private final StringBuffer stdout;

  private JarNode(Process process, URI endpoint, Path stderr, StringBuffer stdout) {
    this.stdout = stdout;
    this.process = process;
    this.endpoint = endpoint;
    this.stderr = stderr;
  }

  /** Starts {@code java [jvmOptions] -jar hangar.jar --port 0 --data-dir dataDir} and waits for its start-up line. */
  public static JarNode start(Path dataDir, List<String> jvmOptions) {
    return start(dataDir, jvmOptions, List.of());
  }

  /** {@link #start(Path, List)} with {@code prefix} before {@code java} (a tool that runs the node, such as strace). */
  public static JarNode start(Path dataDir, List<String> jvmOptions, List<String> prefix) {
    return start(dataDir, jvmOptions, prefix, List.of());
  }

  /** {@link #start(Path, List, List)} with Hangar's own {@code options} after the jar's (a backend, a limit). */
  public static JarNode start(Path dataDir, List<String> jvmOptions, List<String> prefix, List<String> options) {
    List<String> command = new ArrayList<>(prefix);
    command.add("java");
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString(), "--port", "0", "--data-dir", dataDir.toString()));
    command.addAll(options);
    Path stderr = dataDir.resolveSibling(dataDir.getFileName() + "-stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().put("HANGAR_ACCESS_KEY_ID", Clients.ACCESS_KEY_ID);
    builder.environment().put("HANGAR_SECRET_ACCESS_KEY", Clients.SECRET_ACCESS_KEY);
    try {
      Process process = builder.start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      Matcher matcher = ENDPOINT.matcher(line == null ? "" : line);
      if (!matcher.find()) {
        process.destroyForcibly();
        throw new IllegalStateException("the jar did not start: " + line);
      }
      StringBuffer stdout = new StringBuffer(line).append('\n');
      Thread drain = new Thread(() -> {
        try {
          for (String next = out.readLine(); next != null; next = out.readLine()) {
            if (stdout.length() < 1 << 20) { // keeps the pipe from filling up, and at most 1 MiB of it
              stdout.append(next).append('\n');
            }
          }
        } catch (IOException e) {
          // the node stopped
        }
      }, "jar-stdout");
      drain.setDaemon(true);
      drain.start();
      return new JarNode(process, URI.create(matcher.group(1)), stderr, stdout);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Whether the node's process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** What the node has written to its standard output so far (its first 1 MiB). */
  public String stdout() {
    return stdout.toString();
  }

  /** What the node has written to its standard error so far. */
  public String stderr() {
    try {
      return java.nio.file.Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code kill -9}: the node gets no chance to finish anything; returns once the process is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the node did not die within 10 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing the node", e);
    }
  }

  /**
   * For a node started under a tool (a {@code prefix}): stops the node itself (SIGTERM to the JVM, the tool's
   * child) and waits, bounded, for the tool to end on its own, so that it finishes its output.
   */
  public void stopUnderTool() {
    process.toHandle().descendants().forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the tool did not end within 30 s of its node's SIGTERM");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the node", e);
    }
  }

  /** SIGTERM: the node starts its graceful shutdown; returns at once. */
  public void terminate() {
    process.destroy();
  }

  /** Waits, at most {@code seconds}, for the process to end, and returns its exit status. */
  public int awaitExit(long seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the node did not exit within " + seconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the node", e);
    }
    return process.exitValue();
  }

  /** The process id, for tools run against the live node. */
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
