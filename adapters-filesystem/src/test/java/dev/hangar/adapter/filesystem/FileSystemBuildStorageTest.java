package dev.hangar.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.fixture.TestZips;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.BuildStorageContractTest;
import dev.hangar.application.port.out.UploadStore;
import dev.hangar.application.port.out.UploadStoreContractTest;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.storage.KeyLayout;
import dev.hangar.domain.storage.StorageLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBuildStorageTest {
  @TempDir
  Path root;

  private FileSystemBuildStorage storage;

  private FileSystemBuildStorage storage() {
    if (storage == null) {
      storage = new FileSystemBuildStorage(root, TestBuilds.BUCKET, KeyLayout.GAMELIFT, Clock.systemUTC(), true);
    }
    return storage;
  }

  @AfterEach
  void close() {
    if (storage != null) {
      storage.close();
    }
  }

  @Nested
  class AsBuildStorage extends BuildStorageContractTest {
    @Override
    protected BuildStorage storage() {
      return FileSystemBuildStorageTest.this.storage();
    }

    @Override
    protected void store(StorageLocation location, byte[] content) {
      FileSystemBuildStorageTest.this.storage().putObject(location, new ByteArrayInputStream(content));
    }
  }

  @Nested
  class AsUploadStore extends UploadStoreContractTest {
    @Override
    protected UploadStore uploads() {
      return FileSystemBuildStorageTest.this.storage();
    }

    @Override
    protected BuildStorage storage() {
      return FileSystemBuildStorageTest.this.storage();
    }
  }

  @Test
  void fileNames_neverComeFromKeys() throws IOException {
    StorageLocation sneaky = StorageLocation.serviceOwned(TestBuilds.BUCKET, new dev.hangar.domain.storage.ObjectKey("../../escape"));
    storage().putObject(sneaky, new ByteArrayInputStream(TestZips.gameServer()));
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()))
          .allMatch(name -> name.startsWith("objects/") || name.equals(".lock"))
          .noneMatch(name -> name.contains("escape"));
    }
  }

  @Test
  void start_removesLeftoversAndUploads_keepsObjectsWhenAsked() throws IOException {
    StorageLocation kept = TestBuilds.locationOf(new AccountId("123456789012"), TestBuilds.freshId());
    storage().putObject(kept, new ByteArrayInputStream(TestZips.gameServer()));
    String upload = storage().createMultipartUpload(kept, Instant.parse("2100-01-01T00:00:00Z"));
    Files.writeString(root.resolve("tmp").resolve("write-leftover"), "half an upload");
    storage().close();
    storage = new FileSystemBuildStorage(root, TestBuilds.BUCKET, KeyLayout.GAMELIFT, Clock.systemUTC(), true);
    assertThat(storage.find(kept)).isPresent();
    assertThat(root.resolve("tmp")).isEmptyDirectory();
    assertThatThrownBy(() -> storage.listParts(upload, kept)).isInstanceOf(UploadStore.NoSuchUploadException.class);
    storage.close();
    storage = new FileSystemBuildStorage(root, TestBuilds.BUCKET, KeyLayout.GAMELIFT, Clock.systemUTC(), false);
    assertThat(storage.find(kept)).isEmpty();
  }

  @Test
  void start_folderInUse_refused() {
    storage();
    assertThatThrownBy(() -> new FileSystemBuildStorage(root, TestBuilds.BUCKET, KeyLayout.GAMELIFT, Clock.systemUTC(), true))
        .hasMessageContaining("Another Hangar node");
  }

  @Test
  void centralDirectorySize_readFromTheEndRecord() throws IOException {
    Path zip = root.resolve("small.zip");
    Files.write(zip, TestZips.gameServer());
    long size = FileSystemBuildStorage.centralDirectorySize(zip).orElseThrow();
    assertThat(size).isBetween(50L, 300L);
    Path text = root.resolve("text.bin");
    Files.writeString(text, "not a zip");
    assertThat(FileSystemBuildStorage.centralDirectorySize(text)).isEmpty();
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
    assertThat(FileSystemBuildStorage.centralDirectorySize(zip).orElseThrow()).isGreaterThan(70_000L * 46);
  }
}
