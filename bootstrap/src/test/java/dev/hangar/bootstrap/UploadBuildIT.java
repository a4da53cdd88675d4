package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.bootstrap.testing.AwsCli;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.TestHangar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aws gamelift upload-build}, unmodified, against the runnable jar: a small build (one PutObject) and a
 * 64 MiB one (multipart, parts in parallel and out of order). The build is READY with the object's size, and
 * the zip fetched back with GetObject holds the build root file for file; DeleteBuild deletes it. The big one's ETag
 * is a multipart one ({@code -N}), and in a node of the test component at least two of its parts are written at once.
 */
class UploadBuildIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BUILD_ID = Pattern.compile("Build ID: (build-\\S+)");
  private static final Pattern MULTIPART_ETAG = Pattern.compile("\"[0-9a-f]{32}-([0-9]+)\"");

  @TempDir
  static Path dir;

  private static JarNode node;
  private static AwsCli aws;

  @BeforeAll
  static void start() {
    node = JarNode.start(dir.resolve("data"), List.of());
    aws = new AwsCli(dir.resolve("home"), node.endpoint());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void uploadBuild_small_readyAndFetchedBackFileForFile() throws Exception {
    ExternalTools.requirePythonClients();
    Path root = Files.createDirectories(dir.resolve("small"));
    Files.writeString(root.resolve("server.sh"), "#!/bin/sh\necho hello\n");
    Files.createDirectories(root.resolve("data/levels"));
    Files.writeString(root.resolve("data/levels/one.txt"), "level one");
    JsonNode object = uploadAndCheck(aws, root, "small-game");
    assertThat(object.get("ETag").asText()).matches("\"[0-9a-f]{32}\"");
  }

  @Test
  void uploadBuild_64MiB_multipartReadyAndFetchedBackFileForFile() throws Exception {
    ExternalTools.requirePythonClients();
    JsonNode object = uploadAndCheck(aws, bigRoot("big"), "big-game");
    assertThat(partsOf(object)).isGreaterThanOrEqualTo(2);
  }

  /** In a node of the test component, whose upload store records the UploadPart writes in flight. */
  @Test
  void uploadBuild_64MiB_multipartWithPartsInFlightAtOnce() throws Exception {
    ExternalTools.requirePythonClients();
    Path root = bigRoot("parallel");
    try (TestHangar hangar = TestHangar.start(Clock.systemUTC())) {
      JsonNode object = uploadAndCheck(new AwsCli(dir.resolve("home-parallel"), hangar.endpoint()), root, "parallel-game");
      int parts = partsOf(object);
      assertThat(parts).isGreaterThanOrEqualTo(2);
      assertThat(hangar.partsInFlight().calls()).isGreaterThanOrEqualTo(parts);
      assertThat(hangar.partsInFlight().maxInFlight()).isGreaterThanOrEqualTo(2);
    }
  }

  private static Path bigRoot(String name) throws IOException {
    Path root = Files.createDirectories(dir.resolve(name));
    byte[] blob = new byte[64 * 1024 * 1024];
    new Random(7).nextBytes(blob);
    Files.write(root.resolve("game.pak"), blob);
    Files.writeString(root.resolve("readme.txt"), "big build");
    return root;
  }

  /** The number of parts in a multipart ETag ({@code "<md5 of the parts' md5s>-N"}); a single PutObject's ETag has none. */
  private static int partsOf(JsonNode object) {
    String etag = object.get("ETag").asText();
    Matcher multipart = MULTIPART_ETAG.matcher(etag);
    assertThat(multipart.matches()).as(etag).isTrue();
    return Integer.parseInt(multipart.group(1));
  }

  /** Uploads the root, checks the build and its object, deletes it; returns GetObject's reply. */
  private JsonNode uploadAndCheck(AwsCli aws, Path root, String name) throws Exception {
    ExternalTools.Result upload = aws.run(300, "gamelift", "upload-build", "--name", name, "--build-version", "1.0", "--build-root",
        root.toString());
    assertThat(upload.exitCode()).as(upload.stderr()).isZero();
    assertThat(upload.stdout()).contains("Successfully uploaded");
    Matcher id = BUILD_ID.matcher(upload.stdout());
    assertThat(id.find()).as(upload.stdout()).isTrue();
    String buildId = id.group(1);

    var build = JSON.readTree(ok(aws.run(60, "gamelift", "describe-build", "--build-id", buildId)).stdout()).get("Build");
    assertThat(build.get("Status").asText()).isEqualTo("READY");
    Path fetched = dir.resolve(name + ".zip");
    String key = "123456789012/" + buildId;
    var object = JSON.readTree(ok(aws.run(120, "s3api", "get-object", "--bucket", "hangar-builds", "--key", key, fetched.toString())).stdout());
    assertThat(build.get("SizeOnDisk").asLong()).isEqualTo(object.get("ContentLength").asLong()).isEqualTo(Files.size(fetched));
    assertThat(entriesOf(fetched)).isEqualTo(filesOf(root));

    ok(aws.run(60, "gamelift", "delete-build", "--build-id", buildId));
    ExternalTools.Result gone = aws.run(60, "s3api", "head-object", "--bucket", "hangar-builds", "--key", key);
    assertThat(gone.exitCode()).isNotZero();
    assertThat(gone.stderr()).contains("404");
    return object;
  }

  private static ExternalTools.Result ok(ExternalTools.Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result;
  }

  private static Map<String, String> entriesOf(Path zip) throws IOException {
    Map<String, String> entries = new HashMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(file.entries())) {
        if (!entry.isDirectory()) {
          try (InputStream in = file.getInputStream(entry)) {
            entries.put(entry.getName(), digest(in.readAllBytes()));
          }
        }
      }
    }
    return entries;
  }

  private static Map<String, String> filesOf(Path root) throws IOException {
    Map<String, String> files = new HashMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString().replace('\\', '/'), digest(Files.readAllBytes(file)));
      }
    }
    return files;
  }

  private static String digest(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
