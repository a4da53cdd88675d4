package dev.hangar.bootstrap.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real Python clients (boto3, the AWS CLI) from tests. A missing tool skips the test on a
 * developer's machine but fails it under {@code CI=true}, so CI never passes by skipping.
 */
public final class ExternalTools {
  public static final Path PYTHON_DIR = Path.of("src", "test", "python").toAbsolutePath();

  private ExternalTools() {
  }

  public record Result(int exitCode, String stdout, String stderr) {
  }

  /** Fails under CI, skips elsewhere, unless {@code python3 -c "import boto3"} and {@code aws --version} work. */
  public static void requirePythonClients() {
    boolean available;
    try {
      available = run(List.of("python3", "-c", "import boto3, botocore"), null, Map.of(), 60).exitCode() == 0
          && run(List.of("aws", "--version"), null, Map.of(), 60).exitCode() == 0;
    } catch (RuntimeException e) {
      available = false;
    }
    if (!available) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("python3 with boto3, and the AWS CLI (aws), are required under CI=true");
      }
      Assumptions.abort("python3 with boto3 or the AWS CLI is not installed");
    }
  }

  /** Fails under CI, skips elsewhere, unless {@code strace -V} works ({@code .ci/run} installs it). */
  public static void requireStrace() {
    boolean available;
    try {
      available = run(List.of("strace", "-V"), null, Map.of(), 30).exitCode() == 0;
    } catch (RuntimeException e) {
      available = false;
    }
    if (!available) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("strace is required under CI=true (.ci/run installs it)");
      }
      Assumptions.abort("strace is not installed");
    }
  }

  /** Debian's python3-prometheus-client, for {@code /usr/bin/python3} ({@code .ci/run} installs it). */
  public static final String DEBIAN_PYTHON = "/usr/bin/python3";

  /** Fails under CI, skips elsewhere, unless Debian's python3-prometheus-client parser can be imported. */
  public static void requirePrometheusParser() {
    boolean available = java.nio.file.Files.isExecutable(Path.of(DEBIAN_PYTHON))
        && run(List.of(DEBIAN_PYTHON, "-c", "import prometheus_client.parser"), null, Map.of(), 30).exitCode() == 0;
    if (!available) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("Debian's python3-prometheus-client is required under CI=true (.ci/run installs it)");
      }
      Assumptions.abort("python3-prometheus-client is not installed");
    }
  }

  /** Fails under CI, skips elsewhere, unless Debian's chromium and chromedriver are installed ({@code .ci/run} installs them). */
  public static void requireChromium() {
    boolean available = java.nio.file.Files.isExecutable(Path.of("/usr/bin/chromium"))
        && java.nio.file.Files.isExecutable(Path.of("/usr/bin/chromedriver"));
    if (!available) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("/usr/bin/chromium and /usr/bin/chromedriver are required under CI=true (.ci/run installs chromium and chromium-driver)");
      }
      Assumptions.abort("chromium or chromedriver is not installed");
    }
  }

  /** Runs a command with a bounded wait; {@code stdin} may be null. The environment is extended, not replaced. */
  public static Result run(List<String> command, String stdin, Map<String, String> env, long timeoutSeconds) {
    return run(command, stdin, env, timeoutSeconds, null);
  }

  public static Result run(List<String> command, String stdin, Map<String, String> env, long timeoutSeconds, Path workDir) {
    try {
      Path out = Files.createTempFile("hangar-out", ".txt");
      Path err = Files.createTempFile("hangar-err", ".txt");
      try {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        if (workDir != null) {
          builder.directory(workDir.toFile());
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        if (stdin != null) {
          process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          fail("timed out after " + timeoutSeconds + " s: " + command + "\n" + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
