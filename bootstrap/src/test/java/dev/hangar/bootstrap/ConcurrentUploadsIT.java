package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.Uploads;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.Build;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 12's second test: a 1 GiB build uploaded to the runnable jar on its durable default with {@code -Xmx256m}
 * while 7 other builds upload at the same time, each by its own boto3 {@code upload_file} (the CLI's 8 MiB parts,
 * 4 threads each: 32 parts in flight on the node). Every build ends READY with an object byte-identical to its
 * file, read back whole with GetObject; the node never ran out of memory ({@code -XX:+ExitOnOutOfMemoryError}
 * would have ended it). Every 4 KiB of each file carries its offset and its build's number, so a part stored in
 * the wrong place or under the wrong build changes the digest.
 */
class ConcurrentUploadsIT {
  private static final long ONE_GIB = 1L << 30;
  private static final long OTHER_SIZE = 48L << 20;
  private static final int OTHERS = 7;
  private static final int PART = 8 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void oneGiB_withSevenOtherUploads_jarWith256MiBHeap_allReadyAndByteIdentical() throws Exception {
    ExternalTools.requirePythonClients();
    List<Path> files = new ArrayList<>();
    for (int build = 0; build <= OTHERS; build++) {
      Path zip = dir.resolve("build-" + build + ".zip");
      writeZip(zip, build, build == 0 ? ONE_GIB : OTHER_SIZE);
      files.add(zip);
    }
    try (JarNode node = JarNode.start(dir.resolve("data"), List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"));
        GameLiftClient gameLift = Clients.gameLift(node.endpoint());
        S3Client reader = Uploads.apiS3(node.endpoint())) {
      List<Uploads> builds = new ArrayList<>();
      for (int build = 0; build < files.size(); build++) {
        builds.add(Uploads.newBuild(gameLift, "concurrent-" + build));
      }
      ExecutorService pool = Executors.newFixedThreadPool(files.size());
      try {
        List<Future<ExternalTools.Result>> results = new ArrayList<>();
        for (int build = 0; build < files.size(); build++) {
          String spec = uploadSpec(node, builds.get(build), files.get(build));
          results.add(pool.submit(() -> ExternalTools.run(
              List.of("python3", ExternalTools.PYTHON_DIR.resolve("s3_upload.py").toString()), spec, Map.of(), 600)));
        }
        for (int build = 0; build < files.size(); build++) {
          ExternalTools.Result result = results.get(build).get(11, TimeUnit.MINUTES);
          assertThat(result.exitCode()).as("build %d: %s", build, result.stderr()).isZero();
          assertThat(JSON.readTree(result.stdout()).get("ok").asBoolean()).as("build %d: %s", build, result.stdout()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(node.isAlive()).as("the node is still running; its stderr:%n%s", node.stderr()).isTrue();
      for (int build = 0; build < files.size(); build++) {
        Uploads upload = builds.get(build);
        Build described = gameLift.describeBuild(b -> b.buildId(upload.buildId())).build();
        assertThat(described.statusAsString()).as("build %d", build).isEqualTo("READY");
        assertThat(described.sizeOnDisk()).as("build %d", build).isEqualTo(Files.size(files.get(build)));
        try (InputStream object = reader.getObject(b -> b.bucket(upload.location().bucket()).key(upload.location().key()))) {
          assertThat(sha256(object)).as("build %d, read back", build).isEqualTo(sha256(Files.newInputStream(files.get(build))));
        }
      }
      assertThat(node.stderr()).doesNotContain("OutOfMemoryError");
    }
  }

  private static String uploadSpec(JarNode node, Uploads upload, Path file) throws Exception {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("endpoint", node.endpoint().toString());
    spec.put("accessKeyId", upload.keys().accessKeyId());
    spec.put("secretAccessKey", upload.keys().secret());
    spec.put("sessionToken", upload.keys().token());
    spec.put("bucket", upload.location().bucket());
    spec.put("key", upload.location().key());
    spec.put("file", file.toString());
    spec.put("mode", "multipart");
    spec.put("partSize", PART);
    return JSON.writeValueAsString(spec);
  }

  /** A stored zip of about {@code size} bytes, each 4 KiB of its data stamped with its offset and {@code build}. */
  private static void writeZip(Path file, int build, long size) throws Exception {
    byte[] block = new byte[1 << 20];
    new Random(build).nextBytes(block);
    ByteBuffer stamps = ByteBuffer.wrap(block);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      zip.putNextEntry(new ZipEntry("server/world-" + build + ".pak"));
      for (long written = 0; written < size; written += block.length) {
        for (int at = 0; at < block.length; at += 4096) {
          stamps.putLong(at, written + at).putInt(at + 8, build);
        }
        zip.write(block, 0, (int) Math.min(block.length, size - written));
      }
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("server/start.sh"));
      zip.write("#!/bin/sh\n".getBytes());
      zip.closeEntry();
    }
  }

  private static String sha256(InputStream in) throws Exception {
    try (in) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int read; (read = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
