package dev.hangar.domain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.failure.InvalidTagException;
import dev.hangar.domain.failure.StateConflictException;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BuildTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final AccountId ACCOUNT = new AccountId("123456789012");
  private static final Region REGION = new Region("us-west-2");

  private static StoredObject files(long size) {
    return new StoredObject(size, "\"etag-" + size + "\"", "v-" + size, NOW);
  }

  private static Build newBuild() {
    BuildId id = BuildId.of(UUID.randomUUID());
    BuildDefinition definition = new BuildDefinition(Optional.of(FreeText.of("Name", "game")), Optional.empty(),
        OperatingSystem.AMAZON_LINUX_2023, ServerSdkVersion.DEFAULT, Tags.of(List.of(new Tag("team", "core"))));
    StorageLocation location = StorageLocation.serviceOwned(new BucketName("hangar-builds"), new ObjectKey(ACCOUNT + "/" + id));
    return Build.initialize(id, ACCOUNT, REGION, definition, location, NOW);
  }

  @Test
  void initialize_anyDefinition_isInitializedWithNoFiles() {
    Build build = newBuild();
    assertThat(build.status()).isEqualTo(BuildStatus.INITIALIZED);
    assertThat(build.sizeOnDisk()).isZero();
    assertThat(build.creationTime()).isEqualTo(NOW);
    assertThat(build.serverSdkVersion().value()).isEqualTo("4.0.2");
    assertThat(build.arn().value()).isEqualTo("arn:aws:gamelift:us-west-2::build/" + build.id().value());
  }

  @Test
  void describeAs_onlyVersionGiven_keepsName() {
    Build build = newBuild().describeAs(Optional.empty(), Optional.of(FreeText.of("Version", "2.0")));
    assertThat(build.name()).contains(FreeText.of("Name", "game"));
    assertThat(build.version()).contains(FreeText.of("Version", "2.0"));
  }

  @Test
  void requireAwaitingUpload_readyBuild_conflicts() {
    Build ready = newBuild().acceptFiles(files(42), BuildArchive.Verdict.USABLE);
    assertThat(ready.status()).isEqualTo(BuildStatus.READY);
    assertThat(ready.sizeOnDisk()).isEqualTo(42);
    assertThatThrownBy(ready::requireAwaitingUpload).isInstanceOf(StateConflictException.class).hasMessageContaining("READY");
  }

  @Test
  void requireAwaitingUpload_failedBuild_conflicts() {
    Build failed = newBuild().acceptFiles(files(3), new BuildArchive.Verdict(false, "the object is not a zip file"));
    assertThat(failed.status()).isEqualTo(BuildStatus.FAILED);
    assertThatThrownBy(failed::requireAwaitingUpload).isInstanceOf(StateConflictException.class);
  }

  @Test
  void acceptFiles_alreadyReady_conflicts() {
    Build ready = newBuild().acceptFiles(files(1), BuildArchive.Verdict.USABLE);
    assertThatThrownBy(() -> ready.acceptFiles(files(2), BuildArchive.Verdict.USABLE)).isInstanceOf(StateConflictException.class);
  }

  @Test
  void tag_fiftyFirstTag_isRefused() {
    Build build = newBuild();
    List<Tag> fortyNine = java.util.stream.IntStream.range(0, 49).mapToObj(i -> new Tag("k" + i, "v")).toList();
    Build fifty = build.tag(fortyNine);
    assertThat(fifty.tags().size()).isEqualTo(50);
    assertThatThrownBy(() -> fifty.tag(List.of(new Tag("one-more", "v")))).isInstanceOf(InvalidTagException.class)
        .hasMessageContaining("at most 50");
  }

  @Test
  void tag_existingKey_replacesValueWithoutGrowing() {
    Build build = newBuild().tag(List.of(new Tag("team", "tools")));
    assertThat(build.tags().asList()).containsExactly(new Tag("team", "tools"));
  }

  @Test
  void untag_missingKey_isIgnored() {
    Build build = newBuild().untag(List.of("absent", "team"));
    assertThat(build.tags().asList()).isEmpty();
  }

  @Test
  void untag_reservedKey_isRefused() {
    assertThatThrownBy(() -> newBuild().untag(List.of("aws:cloudformation:stack"))).isInstanceOf(InvalidTagException.class);
  }

  @Test
  void restore_initializedWithSize_isRefused() {
    Build b = newBuild();
    assertThatThrownBy(() -> Build.restore(b.id(), b.owner(), b.region(), b.name(), b.version(), b.operatingSystem(),
        b.serverSdkVersion(), BuildStatus.INITIALIZED, 10, b.creationTime(), b.storageLocation(), b.tags()))
        .hasMessageContaining("SizeOnDisk");
  }
}
