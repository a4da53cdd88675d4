package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as a user starts it: its start-up lines, its refusals, and what it never prints. */
class MainIT {
  private static final Path JAR = Path.of("target", "hangar.jar").toAbsolutePath();
  private static final Pattern ENDPOINT = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)");

  @TempDir
  Path dir;

  private record Run(List<String> stdout, List<String> stderr, int exitCode) {
  }

  /**
   * Starts the jar and reads its output until {@code untilLine} appears (or it exits), then stops it and reads on until
   * its output ends, so that what it prints while it stops is read too. Each wait is bounded.
   */
  private Run run(String untilLine, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().put("HOME", dir.toString());
    builder.environment().remove("HANGAR_ACCESS_KEY_ID");
    builder.environment().remove("HANGAR_SECRET_ACCESS_KEY");
    Process process = builder.start();
    BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    AtomicReference<IOException> readFailure = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(Optional.of(line));
        }
      } catch (IOException e) {
        readFailure.set(e);
      } finally {
        lines.add(Optional.empty());
      }
    }, "main-it-stdout");
    reader.setDaemon(true);
    reader.start();
    List<String> stdout = new ArrayList<>();
    boolean ended;
    try {
      ended = readUntil(lines, stdout, untilLine, Duration.ofSeconds(30));
    } finally {
      // SIGTERM through the process handle: Process.destroy() would also close our end of the node's stdout, and
      // what the node prints while it stops would be lost.
      process.toHandle().destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (!ended) {
      ended = readUntil(lines, stdout, null, Duration.ofSeconds(10));
    }
    assertThat(ended).as("the node's output ended once it stopped; read so far: %s", stdout).isTrue();
    assertThat(readFailure.get()).as("reading the node's output").isNull();
    return new Run(stdout, Files.readAllLines(dir.resolve("stderr.txt")), process.exitValue());
  }

  /**
   * Moves lines from {@code lines} to {@code into} until one contains {@code untilLine} (false) or the output ends
   * (true); fails when neither happens within {@code bound}.
   */
  private static boolean readUntil(BlockingQueue<Optional<String>> lines, List<String> into, String untilLine, Duration bound)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      Optional<String> next = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError("neither " + (untilLine == null ? "" : "'" + untilLine + "' nor ") + "the end of the output within "
            + bound + "; read: " + into);
      }
      if (next.isEmpty()) {
        return true;
      }
      into.add(next.get());
      if (untilLine != null && next.get().contains(untilLine)) {
        return false;
      }
    }
  }

  @Test
  void start_noPrincipal_printsFileAndCommandButNeverTheSecret() throws Exception {
    Path data = dir.resolve("data");
    Run run = run("Load them", "--port", "0", "--data-dir", data.toString());
    String output = String.join("\n", run.stdout());
    Path file = data.resolve("credentials.env");
    assertThat(output).contains("Hangar is serving the GameLift build API at http://127.0.0.1:")
        .contains("created API keys for account 123456789012 in " + file)
        .contains("Load them for the AWS CLI with:  . " + file);
    String secret = Files.readAllLines(file).stream().filter(l -> l.startsWith("export AWS_SECRET_ACCESS_KEY="))
        .findFirst().orElseThrow().substring("export AWS_SECRET_ACCESS_KEY=".length());
    assertThat(output + String.join("\n", run.stderr())).doesNotContain(secret);
  }

  @Test
  void start_insecureNoAuth_warnsLoudlyAndAcceptsUnsignedCalls() throws Exception {
    List<String> command = List.of("java", "-jar", JAR.toString(), "--port", "0", "--insecure-no-auth", "--data-dir", dir.resolve("d").toString());
    Process process = new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile()).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      Matcher endpoint = ENDPOINT.matcher(line == null ? "" : line);
      assertThat(endpoint.find()).as(line).isTrue();
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint.group(1) + "/"))
          .timeout(Duration.ofSeconds(10)).header("X-Amz-Target", "GameLift.ListBuilds")
          .header("Content-Type", "application/x-amz-json-1.1").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(Files.readString(dir.resolve("err.txt"))).contains("WARNING: --insecure-no-auth: authentication is OFF");
    assertThat(Files.exists(dir.resolve("d").resolve("credentials.env"))).as("no keys are made when nobody checks them").isFalse();
  }

  @Test
  void start_badFlag_exitsWithTwoAndSaysWhy() throws Exception {
    Run run = run(null, "--port", "http");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(String.join("\n", run.stderr())).contains("hangar: Invalid --port 'http'");
  }

  @Test
  void help_listsOptionsDefaultsAndBounds() throws Exception {
    Run run = run(null, "--help");
    String output = String.join("\n", run.stdout());
    assertThat(run.exitCode()).isZero();
    assertThat(output).contains("--port").contains("default: 8088; env HANGAR_PORT").contains("--credential-lifetime")
        .contains("15m..12h").contains("--principals").contains("--insecure-no-auth").contains("HANGAR_ACCESS_KEY_ID");
  }

}
