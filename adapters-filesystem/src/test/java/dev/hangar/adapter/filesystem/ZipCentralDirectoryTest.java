package dev.hangar.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestZips;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
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

  /** The entry names as the JDK's ZipFile lists them, or empty where it refuses the file: the reader must agree. */
  private static Optional<List<String>> zipFileNames(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return Optional.of(zip.stream().map(ZipEntry::getName).collect(Collectors.toList()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<List<String>> readerNames(Path file) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
      return ZipCentralDirectory.entryNames(channel, Long.MAX_VALUE);
    }
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private static byte[] withByte(byte[] bytes, int at, int value) {
    byte[] changed = bytes.clone();
    changed[at] = (byte) value;
    return changed;
  }

  /** Where the first central directory header of {@code zip} starts. */
  private static int firstHeader(byte[] zip) {
    for (int at = 0; at + 4 <= zip.length; at++) {
      if (zip[at] == 'P' && zip[at + 1] == 'K' && zip[at + 2] == 1 && zip[at + 3] == 2) {
        return at;
      }
    }
    throw new AssertionError("no central directory header");
  }

  @Test
  void entryNames_agreeWithZipFile_onZipsAndOnBrokenOnes() throws IOException {
    byte[] game = TestZips.gameServer();
    byte[] commented;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setComment("a comment that holds PK\u0005\u0006 inside");
      zip.putNextEntry(new ZipEntry("d\u00e9j\u00e0/vu.txt"));
      zip.closeEntry();
    }
    commented = out.toByteArray();
    int header = firstHeader(game);
    Map<String, byte[]> samples = new LinkedHashMap<>();
    samples.put("a zip", game);
    samples.put("an empty zip", TestZips.zip(Map.of()));
    samples.put("a comment and a UTF-8 name", commented);
    samples.put("bytes before the zip", concat("#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.UTF_8), game));
    samples.put("bytes after the zip", concat(game, "trailing".getBytes(StandardCharsets.UTF_8)));
    samples.put("text", "not a zip at all".getBytes(StandardCharsets.UTF_8));
    samples.put("nothing", new byte[0]);
    samples.put("cut short", Arrays.copyOf(game, game.length - 30));
    samples.put("a broken header signature", withByte(game, header, 'X'));
    samples.put("an encrypted entry", withByte(game, header + 8, 1));
    samples.put("an unknown compression method", withByte(game, header + 10, 12));
    samples.put("a name that is not UTF-8", withByte(game, header + 46, 0xC3));
    samples.put("a name longer than the directory", withByte(game, header + 29, 0x7F));
    samples.put("an extra field longer than the directory", withByte(game, header + 31, 0x7F));
    for (Map.Entry<String, byte[]> sample : samples.entrySet()) {
      Path file = Files.write(root.resolve("sample.bin"), sample.getValue());
      assertThat(readerNames(file)).as(sample.getKey()).isEqualTo(zipFileNames(file));
    }
    assertThat(readerNames(Files.write(root.resolve("empty.zip"), TestZips.zip(Map.of())))).hasValue(List.of());
  }

  @Test
  void entryNames_zip64_sameAsZipFile() throws IOException {
    Path zip = root.resolve("many.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 0; i < 70_000; i++) {
        out.putNextEntry(new ZipEntry("e" + i));
        out.closeEntry();
      }
    }
    assertThat(readerNames(zip)).isEqualTo(zipFileNames(zip)).get().asList().hasSize(70_000);
  }

  @Test
  void entryNames_directoryOverTheLimit_empty() throws IOException {
    Path zip = Files.write(root.resolve("small.zip"), TestZips.gameServer());
    long size = centralDirectorySize(zip).orElseThrow();
    try (SeekableByteChannel channel = Files.newByteChannel(zip, StandardOpenOption.READ)) {
      assertThat(ZipCentralDirectory.entryNames(channel, size - 1)).isEmpty();
      assertThat(ZipCentralDirectory.entryNames(channel, size)).isPresent();
    }
  }
}
