package dev.hangar.application.port.out;

import static dev.hangar.application.fixture.TestBuilds.freshAccount;
import static dev.hangar.application.fixture.TestBuilds.newBuild;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.build.FreeText;
import dev.hangar.domain.build.Tag;
import dev.hangar.domain.failure.StateConflictException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every build catalog does; bound to each adapter by a small subclass. */
public abstract class BuildRepositoryContractTest {
  protected abstract BuildRepository repository();

  @Test
  void find_afterAdd_returnsTheSameBuild() {
    AccountId owner = freshAccount();
    Build build = newBuild(owner);
    repository().add(build);
    assertThat(repository().find(owner, build.id())).contains(build);
  }

  @Test
  void find_otherAccount_isEmpty() {
    Build build = newBuild(freshAccount());
    repository().add(build);
    assertThat(repository().find(freshAccount(), build.id())).isEmpty();
  }

  @Test
  void update_existingBuild_storesAndReturnsTheChange() {
    AccountId owner = freshAccount();
    Build build = newBuild(owner);
    repository().add(build);
    Optional<Build> updated = repository().update(owner, build.id(),
        b -> b.describeAs(Optional.of(new FreeText("renamed")), Optional.empty()));
    assertThat(updated).map(Build::name).contains(Optional.of(new FreeText("renamed")));
    assertThat(repository().find(owner, build.id())).isEqualTo(updated);
  }

  @Test
  void update_changeThrows_leavesBuildUnchanged() {
    AccountId owner = freshAccount();
    Build build = TestBuilds.ready(newBuild(owner), 10);
    repository().add(build);
    assertThatThrownBy(() -> repository().update(owner, build.id(), b -> TestBuilds.ready(b, 20)))
        .isInstanceOf(StateConflictException.class);
    assertThat(repository().find(owner, build.id())).contains(build);
  }

  @Test
  void update_missingBuild_isEmpty() {
    assertThat(repository().update(freshAccount(), newBuild(freshAccount()).id(), b -> b)).isEmpty();
  }

  @Test
  void update_concurrentTagChanges_loseNothing() throws Exception {
    AccountId owner = freshAccount();
    Build build = newBuild(owner);
    repository().add(build);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Tag tag = new Tag("k" + i, "v" + i);
        futures.add(pool.submit(() -> repository().update(owner, build.id(), b -> b.tag(List.of(tag)))));
      }
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(repository().find(owner, build.id()).orElseThrow().tags().size()).isEqualTo(40);
  }

  @Test
  void remove_existingBuild_returnsItAndForgetsIt() {
    AccountId owner = freshAccount();
    Build build = newBuild(owner);
    repository().add(build);
    assertThat(repository().remove(owner, build.id())).contains(build);
    assertThat(repository().find(owner, build.id())).isEmpty();
    assertThat(repository().remove(owner, build.id())).isEmpty();
  }

  @Test
  void remove_otherAccount_keepsTheBuild() {
    AccountId owner = freshAccount();
    Build build = newBuild(owner);
    repository().add(build);
    assertThat(repository().remove(freshAccount(), build.id())).isEmpty();
    assertThat(repository().find(owner, build.id())).contains(build);
  }

  @Test
  void list_pages_returnEveryBuildOnceInIdOrder() {
    AccountId owner = freshAccount();
    List<BuildId> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Build build = newBuild(owner);
      repository().add(build);
      ids.add(build.id());
    }
    repository().add(newBuild(freshAccount()));
    List<BuildId> seen = new ArrayList<>();
    Optional<BuildId> after = Optional.empty();
    for (int guard = 0; guard < 10; guard++) {
      BuildRepository.Page page = repository().list(owner, Optional.empty(), after, 3);
      assertThat(page.builds()).hasSizeLessThanOrEqualTo(3);
      page.builds().forEach(b -> seen.add(b.id()));
      if (!page.more()) {
        break;
      }
      after = Optional.of(page.builds().get(page.builds().size() - 1).id());
    }
    ids.sort(Comparator.comparing(BuildId::value));
    assertThat(seen).containsExactlyElementsOf(ids);
  }

  @Test
  void list_statusFilter_keepsOnlyThatStatus() {
    AccountId owner = freshAccount();
    Build ready = TestBuilds.ready(newBuild(owner), 5);
    repository().add(ready);
    repository().add(newBuild(owner));
    BuildRepository.Page page = repository().list(owner, Optional.of(BuildStatus.READY), Optional.empty(), 10);
    assertThat(page.builds()).containsExactly(ready);
    assertThat(page.more()).isFalse();
  }

  @Test
  void list_unknownAccount_isEmptyAndFinal() {
    BuildRepository.Page page = repository().list(freshAccount(), Optional.empty(), Optional.empty(), 10);
    assertThat(page.builds()).isEmpty();
    assertThat(page.more()).isFalse();
  }

  @Test
  void list_changesBetweenPages_buildsPresentThroughoutSeenOnce() {
    AccountId owner = freshAccount();
    List<Build> stable = new ArrayList<>();
    List<Build> doomed = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Build build = newBuild(owner);
      repository().add(build);
      (i % 3 == 0 ? doomed : stable).add(build);
    }
    List<BuildId> seen = new ArrayList<>();
    Optional<BuildId> after = Optional.empty();
    for (int round = 0; round < 20; round++) {
      BuildRepository.Page page = repository().list(owner, Optional.empty(), after, 2);
      page.builds().forEach(b -> seen.add(b.id()));
      if (!doomed.isEmpty()) {
        repository().remove(owner, doomed.remove(0).id());
      }
      repository().add(newBuild(owner));
      if (!page.more()) {
        break;
      }
      after = Optional.of(page.builds().get(page.builds().size() - 1).id());
    }
    Set<BuildId> unique = new HashSet<>(seen);
    assertThat(unique).hasSameSizeAs(seen);
    assertThat(seen).containsAll(stable.stream().map(Build::id).toList());
  }
}
