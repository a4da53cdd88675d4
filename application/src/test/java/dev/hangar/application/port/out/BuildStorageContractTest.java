package dev.hangar.application.port.out;

import static dev.hangar.application.fixture.TestBuilds.freshAccount;
import static dev.hangar.application.fixture.TestBuilds.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.domain.build.BuildArchive;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ByteRange;
import dev.hangar.domain.storage.ObjectVersion;
import dev.hangar.domain.storage.RoleArn;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every build storage does; subclasses say how an object gets there in the first place. */
public abstract class BuildStorageContractTest {
  protected abstract BuildStorage storage();

  /** Puts an object at that location by the adapter's own means (an upload, an S3 PutObject). */
  protected abstract void store(StorageLocation location, byte[] content);

  /**
   * Whether the adapter keeps an object's older versions (S3 with versioning on). Where it does, an import
   * names any of them; where it keeps only the latest, an import of an older one is refused.
   */
  protected boolean keepsOlderVersions() {
    return false;
  }

  private StorageLocation fresh() {
    return storage().locationFor(freshAccount(), freshId());
  }

  @Test
  void locationFor_twoBuilds_differentKeysInOneServiceBucket() {
    AccountId owner = freshAccount();
    StorageLocation first = storage().locationFor(owner, freshId());
    StorageLocation second = storage().locationFor(owner, freshId());
    assertThat(first.bucket()).isEqualTo(second.bucket());
    assertThat(first.key()).isNotEqualTo(second.key());
    assertThat(first.isCallerOwned()).isFalse();
  }

  @Test
  void locationFor_sameBuild_isStable() {
    AccountId owner = freshAccount();
    BuildId id = freshId();
    assertThat(storage().locationFor(owner, id)).isEqualTo(storage().locationFor(owner, id));
  }

  @Test
  void locationFor_sameIdOtherAccount_differentKey() {
    BuildId id = freshId();
    assertThat(storage().locationFor(freshAccount(), id).key()).isNotEqualTo(storage().locationFor(freshAccount(), id).key());
  }

  @Test
  void ownerOf_ownKey_namesAccountAndBuild() {
    AccountId owner = freshAccount();
    BuildId id = freshId();
    StorageLocation location = storage().locationFor(owner, id);
    assertThat(storage().ownerOf(location.bucket(), location.key())).get()
        .satisfies(found -> {
          assertThat(found.account()).isEqualTo(owner);
          assertThat(found.buildId()).isEqualTo(id);
        });
    assertThat(storage().ownerOf(new BucketName("some-other-bucket"), location.key())).isEmpty();
  }

  @Test
  void find_storedObject_sizeEtagAndVersion() {
    StorageLocation location = fresh();
    byte[] zip = TestZips.gameServer();
    store(location, zip);
    StoredObject found = storage().find(location).orElseThrow();
    assertThat(found.size()).isEqualTo(zip.length);
    assertThat(found.etag()).matches("\"[0-9a-f]{32}\"");
    assertThat(found.versionId()).isNotBlank();
    assertThat(storage().find(fresh())).isEmpty();
  }

  @Test
  void archiveEntries_zipOrNot() {
    StorageLocation zip = fresh();
    store(zip, TestZips.gameServer());
    assertThat(storage().archiveEntries(zip)).get().asList().containsExactlyInAnyOrder("server.sh", "data/level1.bin");
    StorageLocation text = fresh();
    store(text, "not a zip at all".getBytes(StandardCharsets.UTF_8));
    assertThat(storage().archiveEntries(text)).isEmpty();
    assertThat(storage().archiveEntries(fresh())).isEmpty();
  }

  @Test
  void archiveEntries_emptyZip_noEntriesAndJudgedUnusable() {
    StorageLocation empty = fresh();
    store(empty, TestZips.zip(Map.of()));
    Optional<List<String>> entries = storage().archiveEntries(empty);
    assertThat(entries).as("an empty zip is a zip, with no entries").hasValue(List.of());
    BuildArchive.Verdict verdict = BuildArchive.judge(entries);
    assertThat(verdict.usable()).isFalse();
    assertThat(verdict.reason()).isEqualTo("the zip has no entries");
  }

  @Test
  void open_storedObject_sameBytes() throws IOException {
    StorageLocation location = fresh();
    byte[] zip = TestZips.gameServer();
    store(location, zip);
    try (InputStream in = storage().open(location).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(zip);
    }
    assertThat(storage().open(fresh())).isEmpty();
  }

  @Test
  void open_range_exactlyThoseBytes() throws IOException {
    StorageLocation location = fresh();
    byte[] zip = TestZips.gameServer();
    store(location, zip);
    try (InputStream in = storage().open(location, new ByteRange(7, 20)).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(zip, 7, 27));
    }
    try (InputStream in = storage().open(location, new ByteRange(zip.length - 1, 1)).orElseThrow()) {
      assertThat(in.readAllBytes()).containsExactly(zip[zip.length - 1]);
    }
    assertThat(storage().open(fresh(), new ByteRange(0, 1))).isEmpty();
  }

  @Test
  void importObject_callersObject_copiedHonouringVersion() {
    StorageLocation source = fresh();
    byte[] zip = TestZips.zip(Map.of("a.txt", "a"));
    store(source, zip);
    String version = storage().find(source).orElseThrow().versionId();
    StorageLocation callers = StorageLocation.callerOwned(source.bucket(), source.key(),
        new RoleArn("arn:aws:iam::123456789012:role/read"), Optional.of(new ObjectVersion(version)));
    StorageLocation destination = fresh();
    assertThat(storage().importObject(callers, destination).size()).isEqualTo(zip.length);
    assertThat(storage().find(destination)).isPresent();

    StorageLocation otherVersion = StorageLocation.callerOwned(source.bucket(), source.key(),
        new RoleArn("arn:aws:iam::123456789012:role/read"), Optional.of(new ObjectVersion("no-such-version")));
    assertThatThrownBy(() -> storage().importObject(otherVersion, fresh())).isInstanceOf(BuildStorage.ObjectUnavailableException.class);
    assertThatThrownBy(() -> storage().importObject(fresh(), fresh())).isInstanceOf(BuildStorage.ObjectUnavailableException.class);
  }

  @Test
  void importObject_olderVersionThanTheLatest_copiesTheOlderBytesOrRefuses() throws IOException {
    StorageLocation source = fresh();
    byte[] older = TestZips.zip(Map.of("a.txt", "the older one"));
    store(source, older);
    String olderVersion = storage().find(source).orElseThrow().versionId();
    byte[] latest = TestZips.zip(Map.of("a.txt", "the latest one", "b.txt", "b"));
    store(source, latest);
    StorageLocation callers = StorageLocation.callerOwned(source.bucket(), source.key(),
        new RoleArn("arn:aws:iam::123456789012:role/read"), Optional.of(new ObjectVersion(olderVersion)));
    StorageLocation destination = fresh();
    if (keepsOlderVersions()) {
      assertThat(storage().importObject(callers, destination).size()).isEqualTo(older.length);
      try (InputStream in = storage().open(destination).orElseThrow()) {
        assertThat(in.readAllBytes()).as("the older bytes").isEqualTo(older);
      }
    } else {
      assertThatThrownBy(() -> storage().importObject(callers, destination)).isInstanceOf(BuildStorage.ObjectUnavailableException.class);
      assertThat(storage().find(destination)).isEmpty();
    }
  }

  @Test
  void deleteFiles_storedObject_goneAndRepeatable() {
    StorageLocation location = fresh();
    store(location, TestZips.gameServer());
    storage().deleteFiles(location);
    assertThat(storage().find(location)).isEmpty();
    storage().deleteFiles(location);
    storage().deleteFiles(fresh());
  }
}
