package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.Uploads;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.Build;

/**
 * The heavy one: a 2 GiB zip (zip64) uploaded in 64 MiB parts by boto3, four at a time, to the runnable jar
 * started with {@code -Xmx256m}. Streaming keeps the node's memory flat; the build reaches READY.
 */
class LargeUploadIT {
  private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void multipart2GiB_jarWith256MiBHeap_ready() throws Exception {
    ExternalTools.requirePythonClients();
    Path zip = dir.resolve("huge.zip");
    writeZip(zip, TWO_GIB);
    try (JarNode node = JarNode.start(dir.resolve("data"), List.of("-Xmx256m"));
        GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      Uploads upload = Uploads.newBuild(gameLift, "huge");
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("endpoint", node.endpoint().toString());
      spec.put("accessKeyId", upload.keys().accessKeyId());
      spec.put("secretAccessKey", upload.keys().secret());
      spec.put("sessionToken", upload.keys().token());
      spec.put("bucket", upload.location().bucket());
      spec.put("key", upload.location().key());
      spec.put("file", zip.toString());
      spec.put("mode", "multipart");
      spec.put("partSize", 64 * 1024 * 1024);
      long started = System.nanoTime();
      ExternalTools.Result result = ExternalTools.run(List.of("python3", ExternalTools.PYTHON_DIR.resolve("s3_upload.py").toString()),
          JSON.writeValueAsString(spec), Map.of(), 900);
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(JSON.readTree(result.stdout()).get("ok").asBoolean()).as(result.stdout()).isTrue();
      Build build = gameLift.describeBuild(b -> b.buildId(upload.buildId())).build();
      assertThat(build.statusAsString()).isEqualTo("READY");
      assertThat(build.sizeOnDisk()).isEqualTo(Files.size(zip));
      System.out.println("LargeUploadIT: " + Files.size(zip) + " bytes uploaded and READY in " + seconds + " s");
    }
  }

  /** A zip of {@code size} bytes of data in one entry, written as it is made (never in memory). */
  static void writeZip(Path file, long size) throws Exception {
    byte[] block = new byte[1024 * 1024];
    new Random(1).nextBytes(block);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      zip.putNextEntry(new ZipEntry("server/world.pak"));
      for (long written = 0; written < size; written += block.length) {
        zip.write(block, 0, (int) Math.min(block.length, size - written));
      }
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("server/start.sh"));
      zip.write("#!/bin/sh\n".getBytes());
      zip.closeEntry();
    }
  }
}
