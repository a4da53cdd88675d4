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
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredPart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBuildStorageTest {
  @TempDir
  Path root;

  private StorageFolder folder;
  private FileSystemBuildStorage storage;
  private FileSystemUploadStore uploads;

  /** Opens the folder as a node's start does, with a build storage and an upload store on it. */
  private void open(boolean keepObjects) {
    folder = new StorageFolder(root, keepObjects);
    storage = new FileSystemBuildStorage(folder, TestBuilds.BUCKET, KeyLayout.GAMELIFT);
    uploads = new FileSystemUploadStore(folder, Clock.systemUTC());
  }

  private FileSystemBuildStorage storage() {
    if (folder == null) {
      open(true);
    }
    return storage;
  }

  private FileSystemUploadStore uploads() {
    storage();
    return uploads;
  }

  @AfterEach
  void close() {
    if (folder != null) {
      folder.close();
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
      FileSystemBuildStorageTest.this.uploads().putObject(location, new ByteArrayInputStream(content));
    }
  }

  @Nested
  class AsUploadStore extends UploadStoreContractTest {
    @Override
    protected UploadStore uploads() {
      return FileSystemBuildStorageTest.this.uploads();
    }

    @Override
    protected BuildStorage storage() {
      return FileSystemBuildStorageTest.this.storage();
    }
  }

  @Test
  void fileNames_neverComeFromKeys() throws IOException {
    StorageLocation sneaky = StorageLocation.serviceOwned(TestBuilds.BUCKET, new dev.hangar.domain.storage.ObjectKey("../../escape"));
    uploads().putObject(sneaky, new ByteArrayInputStream(TestZips.gameServer()));
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()))
          .allMatch(name -> name.startsWith("objects/") || name.equals(".lock"))
          .noneMatch(name -> name.contains("escape"));
    }
  }

  @Test
  void start_removesLeftoversAndUploads_keepsObjectsWhenAsked() throws IOException {
    StorageLocation kept = TestBuilds.locationOf(new AccountId("123456789012"), TestBuilds.freshId());
    uploads().putObject(kept, new ByteArrayInputStream(TestZips.gameServer()));
    String upload = uploads().createMultipartUpload(kept, Instant.parse("2100-01-01T00:00:00Z"));
    Files.writeString(root.resolve("tmp").resolve("write-leftover"), "half an upload");
    folder.close();
    open(true);
    assertThat(storage.find(kept)).isPresent();
    assertThat(root.resolve("tmp")).isEmptyDirectory();
    assertThatThrownBy(() -> uploads.listParts(upload, kept)).isInstanceOf(UploadStore.NoSuchUploadException.class);
    folder.close();
    open(false);
    assertThat(storage.find(kept)).isEmpty();
  }

  @Test
  void start_folderInUse_refused() {
    storage();
    assertThatThrownBy(() -> new StorageFolder(root, true))
        .hasMessageContaining("Another Hangar node");
  }

  @Test
  void locks_afterConcurrentWork_noneLeft() throws Exception {
    storage();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        work.add(pool.submit(() -> {
          StorageLocation location = storage().locationFor(TestBuilds.freshAccount(), TestBuilds.freshId());
          uploads().putObject(location, new ByteArrayInputStream(TestZips.gameServer()));
          storage().find(location).orElseThrow();
          storage().archiveEntries(location).orElseThrow();
          try (InputStream in = storage().open(location).orElseThrow()) {
            in.readAllBytes();
          }
          storage().importObject(location, storage().locationFor(TestBuilds.freshAccount(), TestBuilds.freshId()));
          String upload = uploads().createMultipartUpload(location, Instant.parse("2100-01-01T00:00:00Z"));
          StoredPart part = uploads().uploadPart(upload, location, 1, new ByteArrayInputStream(TestZips.gameServer()));
          uploads().listParts(upload, location);
          uploads().completeMultipartUpload(upload, location, List.of(new MultipartUpload.RequestedPart(1, part.etag())));
          uploads().createMultipartUpload(location, Instant.parse("2100-01-01T00:00:00Z"));
          storage().deleteFiles(location);
          uploads().createMultipartUpload(location, Instant.parse("2100-01-01T00:00:00Z"));
          return null;
        }));
      }
      for (Future<?> each : work) {
        each.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(uploads().removeExpiredUploads(Instant.parse("2200-01-01T00:00:00Z"))).isEqualTo(16);
    assertThat(folder.locks().size()).as("locks held after the work ended").isZero();
  }
}
