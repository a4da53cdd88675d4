package dev.hangar.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.fixture.TestZips;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.BuildStorageContractTest;
import dev.hangar.application.port.out.ContentMd5;
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
  private CatalogDatabase database;
  private FileSystemBuildStorage storage;
  private FileSystemUploadStore uploads;

  /** Opens the folder as a node's start does, with a build storage and an upload store on it. */
  private void open(boolean keepObjects) {
    folder = new StorageFolder(root, keepObjects);
    database = new CatalogDatabase(root);
    storage = new FileSystemBuildStorage(folder, database, TestBuilds.BUCKET, KeyLayout.GAMELIFT);
    uploads = new FileSystemUploadStore(folder, database, Clock.systemUTC());
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
      closeNode();
    }
  }

  /** What a node's stop does: the database, then the folder's lock. */
  private void closeNode() {
    database.close();
    folder.close();
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
          .allMatch(name -> name.startsWith("objects/") || name.equals(".lock") || name.startsWith(CatalogDatabase.FILE_NAME))
          .noneMatch(name -> name.contains("escape"));
    }
  }

  @Test
  void start_removesLeftovers_keepsObjectsAndUploadsWhenAsked() throws IOException {
    StorageLocation kept = TestBuilds.locationOf(new AccountId("123456789012"), TestBuilds.freshId());
    uploads().putObject(kept, new ByteArrayInputStream(TestZips.gameServer()));
    String upload = uploads().createMultipartUpload(kept, Instant.parse("2100-01-01T00:00:00Z"));
    StoredPart part = uploads().uploadPart(upload, kept, 1, new ByteArrayInputStream(TestZips.gameServer()));
    Files.writeString(root.resolve("tmp").resolve("write-leftover"), "half an upload");
    closeNode();
    open(true);
    assertThat(storage.find(kept)).isPresent();
    assertThat(root.resolve("tmp")).isEmptyDirectory();
    assertThat(uploads.listParts(upload, kept)).containsExactly(part);
    closeNode();
    open(false);
    assertThat(storage.find(kept)).isEmpty();
    assertThat(root.resolve("uploads")).isEmptyDirectory();
  }

  /**
   * Completing an upload of N parts copies none of them: the object's files are the upload's part files (the same
   * inodes), and judging the zip reads only its end: the central directory and the end records, not the parts'
   * data. The object then reads back byte for byte, whole and across each part boundary.
   */
  @Test
  void complete_nParts_noByteCopied_judgingReadsOnlyTheCentralDirectory() throws IOException {
    StorageLocation location = TestBuilds.locationOf(new AccountId("123456789012"), TestBuilds.freshId());
    int part = 5 * 1024 * 1024;
    byte[] zip = TestZips.incompressible("server.bin", 3 * part + 777);
    String upload = uploads().createMultipartUpload(location, Instant.parse("2100-01-01T00:00:00Z"));
    List<MultipartUpload.RequestedPart> requested = new ArrayList<>();
    for (int n = 0; n * part < zip.length; n++) {
      byte[] slice = java.util.Arrays.copyOfRange(zip, n * part, Math.min(zip.length, (n + 1) * part));
      requested.add(new MultipartUpload.RequestedPart(n + 1,
          uploads().uploadPart(upload, location, n + 1, new ByteArrayInputStream(slice)).etag()));
    }
    List<Object> uploadInodes = new ArrayList<>();
    try (Stream<Path> files = Files.list(root.resolve("uploads").resolve(upload)).sorted()) {
      for (Path file : files.toList()) {
        uploadInodes.add(Files.getAttribute(file, "unix:ino"));
      }
    }
    assertThat(uploadInodes).hasSize(4);

    uploads().completeMultipartUpload(upload, location, requested);
    long readBefore = storage().bytesReadThroughParts();
    assertThat(storage().archiveEntries(location)).contains(List.of("server.bin"));
    long judged = storage().bytesReadThroughParts() - readBefore;

    Path partsDir;
    try (Stream<Path> dirs = Files.list(root.resolve("objects")).filter(Files::isDirectory)) {
      partsDir = dirs.findFirst().orElseThrow();
    }
    List<Object> objectInodes = new ArrayList<>();
    try (Stream<Path> files = Files.list(partsDir).sorted()) {
      for (Path file : files.toList()) {
        objectInodes.add(Files.getAttribute(file, "unix:ino"));
      }
    }
    assertThat(objectInodes).as("the object's part files are the upload's, linked, not copied").isEqualTo(uploadInodes);
    assertThat(root.resolve("uploads").resolve(upload)).doesNotExist();
    // A stored zip of one entry: its central directory and end record take well under 1 KiB.
    assertThat(judged).as("bytes read to judge the zip").isPositive().isLessThan(1024);
    try (InputStream in = storage().open(location).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(zip);
    }
    for (int boundary = part; boundary < zip.length; boundary += part) {
      try (InputStream in = storage().open(location, new dev.hangar.domain.storage.ByteRange(boundary - 10, 20)).orElseThrow()) {
        assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(zip, boundary - 10, boundary + 10));
      }
    }
    assertThat(storage().find(location)).get().satisfies(found -> assertThat(found.size()).isEqualTo(zip.length));
  }

  @Test
  void start_partFilesNoRowNames_deletedAndCommittedPartsKept() throws IOException {
    StorageLocation location = TestBuilds.locationOf(new AccountId("123456789012"), TestBuilds.freshId());
    String upload = uploads().createMultipartUpload(location, Instant.parse("2100-01-01T00:00:00Z"));
    StoredPart first = uploads().uploadPart(upload, location, 1, new ByteArrayInputStream(TestZips.gameServer()));
    // What a crash leaves: a part renamed into place but never committed, a folder of an upload never committed,
    // and an object's data file whose metadata was never written.
    Path dir = root.resolve("uploads").resolve(upload);
    Files.writeString(dir.resolve("part-00002-never-committed"), "half");
    Files.createDirectories(root.resolve("uploads").resolve("no-such-upload"));
    Files.writeString(root.resolve("objects").resolve("0123abcd"), "no meta");
    closeNode();
    open(true);
    assertThat(uploads.listParts(upload, location)).containsExactly(first);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).hasSize(1).allMatch(name -> name.startsWith("part-00001-"));
    }
    assertThat(root.resolve("uploads").resolve("no-such-upload")).doesNotExist();
    assertThat(root.resolve("objects").resolve("0123abcd")).doesNotExist();
  }

  @Test
  void start_partFileGone_partNoLongerListed() throws IOException {
    StorageLocation location = TestBuilds.locationOf(new AccountId("123456789012"), TestBuilds.freshId());
    String upload = uploads().createMultipartUpload(location, Instant.parse("2100-01-01T00:00:00Z"));
    uploads().uploadPart(upload, location, 1, new ByteArrayInputStream(TestZips.gameServer()));
    StoredPart second = uploads().uploadPart(upload, location, 2, new ByteArrayInputStream(TestZips.gameServer()));
    Path dir = root.resolve("uploads").resolve(upload);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.getFileName().toString().startsWith("part-00001-")).toList()) {
        Files.delete(file);
      }
    }
    closeNode();
    open(true);
    assertThat(uploads.listParts(upload, location)).containsExactly(second);
  }

  @Test
  void uploadPart_uploadAbortedWhileThePartWasWritten_noSuchUploadAndNothingLeft() throws IOException {
    uploads();
    StorageLocation location = TestBuilds.locationOf(TestBuilds.freshAccount(), TestBuilds.freshId());
    String upload = uploads.createMultipartUpload(location, Instant.parse("2100-01-01T00:00:00Z"));
    PartStore parts = new PartStore(folder, database);
    Path dir = parts.require(upload, location, Instant.now());
    StorageFolder.Written written = folder.writeToTemp(new ByteArrayInputStream(TestZips.gameServer()));
    uploads.abortMultipartUpload(upload, location);
    assertThatThrownBy(() -> parts.put(dir, upload, 1, written, Instant.now())).isInstanceOf(UploadStore.NoSuchUploadException.class);
    assertThat(written.file()).doesNotExist();
    assertThat(root.resolve("tmp")).isEmptyDirectory();
    assertThat(dir).doesNotExist();
  }

  @Test
  void forEachObject_everyStoredObjectOnce() {
    StorageLocation one = TestBuilds.locationOf(TestBuilds.freshAccount(), TestBuilds.freshId());
    StorageLocation two = TestBuilds.locationOf(TestBuilds.freshAccount(), TestBuilds.freshId());
    uploads().putObject(one, new ByteArrayInputStream(TestZips.gameServer()));
    uploads().putObject(two, new ByteArrayInputStream(TestZips.gameServer()));
    List<StorageLocation> seen = new ArrayList<>();
    storage.forEachObject(seen::add);
    assertThat(seen).containsExactlyInAnyOrder(one, two);
  }

  @Test
  void temporary_afterClose_folderAndEverythingInItGone() throws IOException {
    StorageFolder temporary = StorageFolder.temporary();
    Path where = temporary.root();
    CatalogDatabase db = new CatalogDatabase(where, false);
    FileSystemUploadStore store = new FileSystemUploadStore(temporary, db, Clock.systemUTC());
    StorageLocation location = TestBuilds.locationOf(TestBuilds.freshAccount(), TestBuilds.freshId());
    store.putObject(location, new ByteArrayInputStream(TestZips.gameServer()));
    store.createMultipartUpload(location, Instant.parse("2100-01-01T00:00:00Z"));
    assertThat(where.resolve("objects")).isNotEmptyDirectory();
    db.close();
    temporary.close();
    assertThat(where).doesNotExist();
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

  /**
   * The bytes come with an MD5 their source computed while they were read; this one is deliberately not theirs, so
   * an ETag equal to it shows that the store took it as given instead of digesting the bytes a second time.
   */
  private static final class SelfDigesting extends ByteArrayInputStream implements ContentMd5 {
    private final String md5Hex;
    private boolean ended;

    SelfDigesting(byte[] bytes, String md5Hex) {
      super(bytes);
      this.md5Hex = md5Hex;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      ended |= n < 0;
      return n;
    }

    @Override
    public String md5Hex() {
      if (!ended) {
        throw new IllegalStateException("asked before the end of the stream");
      }
      return md5Hex;
    }
  }

  @Test
  void putObjectAndUploadPart_contentReportingItsMd5_storeKeepsThatMd5AndTheBytes() throws IOException {
    byte[] zip = TestZips.gameServer();
    String reported = "0123456789abcdef0123456789abcdef";
    StorageLocation location = storage().locationFor(TestBuilds.freshAccount(), TestBuilds.freshId());
    assertThat(uploads().putObject(location, new SelfDigesting(zip, reported)).etag()).isEqualTo("\"" + reported + "\"");
    try (InputStream in = storage().open(location).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(zip);
    }
    String upload = uploads().createMultipartUpload(location, Instant.parse("2100-01-01T00:00:00Z"));
    assertThat(uploads().uploadPart(upload, location, 1, new SelfDigesting(zip, reported)).md5Hex()).isEqualTo(reported);
    assertThat(uploads().listParts(upload, location)).extracting(StoredPart::md5Hex).containsExactly(reported);
  }

  @Test
  void putObject_contentReportingAMalformedMd5_refusedAndNothingStored() {
    StorageLocation location = storage().locationFor(TestBuilds.freshAccount(), TestBuilds.freshId());
    assertThatThrownBy(() -> uploads().putObject(location, new SelfDigesting(TestZips.gameServer(), "not-hex")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(storage().find(location)).isEmpty();
  }
}
