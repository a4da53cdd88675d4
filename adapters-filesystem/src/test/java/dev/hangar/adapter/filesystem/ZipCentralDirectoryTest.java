package dev.hangar.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestZips;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipCentralDirectoryTest {
  @TempDir
  Path root;

  /** The size the zip's end record declares for its central directory (zip64 too); empty when there is no end record. */
  private static Optional<Long> centralDirectorySize(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return ZipCentralDirectory.findEnd(channel).map(ZipCentralDirectory.End::directorySize);
    }
  }

  @Test
  void centralDirectorySize_readFromTheEndRecord() throws IOException {
    Path zip = root.resolve("small.zip");
    Files.write(zip, TestZips.gameServer());
    long size = centralDirectorySize(zip).orElseThrow();
    assertThat(size).isBetween(50L, 300L);
    Path text = root.resolve("text.bin");
    Files.writeString(text, "not a zip");
    assertThat(centralDirectorySize(text)).isEmpty();
  }

  @Test
  void centralDirectorySize_zip64EndRecord() throws IOException {
    Path zip = root.resolve("many.zip");
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 0; i < 70_000; i++) {
        out.putNextEntry(new java.util.zip.ZipEntry("e" + i));
        out.closeEntry();
      }
    }
    // More than 65,535 entries: the JDK writes a zip64 end record.
    assertThat(centralDirectorySize(zip).orElseThrow()).isGreaterThan(70_000L * 46);
  }
}
