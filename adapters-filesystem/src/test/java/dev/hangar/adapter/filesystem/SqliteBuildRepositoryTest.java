package dev.hangar.adapter.filesystem;

import static dev.hangar.application.fixture.TestBuilds.freshAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildRepositoryContractTest;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.Tag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on SQLite, and what only a database on disk can show: a reopened file keeps everything. */
class SqliteBuildRepositoryTest extends BuildRepositoryContractTest {
  @TempDir
  Path folder;

  private CatalogDatabase database;
  private SqliteBuildRepository repository;

  @Override
  protected BuildRepository repository() {
    if (repository == null) {
      database = new CatalogDatabase(folder);
      repository = new SqliteBuildRepository(database);
    }
    return repository;
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  private SqliteBuildRepository reopened() {
    database.close();
    database = new CatalogDatabase(folder);
    repository = new SqliteBuildRepository(database);
    return repository;
  }

  @Test
  void reopen_everyFieldAndTagInOrder_asStored() {
    Build build = TestBuilds.newBuild(freshAccount()).tag(List.of(new Tag("b", "2"), new Tag("a", "1"), new Tag("c", "")));
    repository().add(build);
    Build ready = repository.update(build.owner(), build.id(), current -> TestBuilds.ready(current, 1234)).orElseThrow();
    assertThat(reopened().find(build.owner(), build.id())).contains(ready);
    assertThat(repository.find(build.owner(), build.id()).orElseThrow().tags().asList()).isEqualTo(ready.tags().asList());
  }

  @Test
  void forEachBuild_severalAccountsMoreThanAPage_eachBuildOnce() {
    List<Build> added = new ArrayList<>();
    for (int account = 0; account < 3; account++) {
      AccountId owner = freshAccount();
      for (int i = 0; i < 400; i++) {
        Build build = TestBuilds.newBuild(owner);
        repository().add(build);
        added.add(build);
      }
    }
    List<Build> seen = new ArrayList<>();
    repository.forEachBuild(seen::add);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(added);
  }

  @Test
  void update_changeThrows_otherWritesOfTheBatchKept() throws Exception {
    Build kept = TestBuilds.newBuild(freshAccount());
    Build failing = TestBuilds.newBuild(freshAccount());
    repository().add(failing);
    Thread other = new Thread(() -> repository.add(kept));
    other.start();
    try {
      repository.update(failing.owner(), failing.id(), current -> {
        throw new IllegalArgumentException("refused");
      });
    } catch (IllegalArgumentException expected) {
      // the change's own failure, unchanged
    }
    other.join(10_000);
    assertThat(reopened().find(kept.owner(), kept.id())).contains(kept);
    assertThat(repository.find(failing.owner(), failing.id())).contains(failing);
  }

  @Test
  void find_missingAfterReopen_empty() {
    repository();
    assertThat(reopened().find(freshAccount(), TestBuilds.freshId())).isEqualTo(Optional.empty());
  }
}
