package dev.hangar.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.port.in.DescribeBuildQuery;
import dev.hangar.application.port.in.ListBuildsQuery;
import dev.hangar.application.port.in.ListBuildsResult;
import dev.hangar.application.port.in.ListingCursor;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.failure.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListBuildsServiceTest {
  private final ServiceFixture f = new ServiceFixture();

  @Test
  void listBuilds_smallLimit_pagesThroughEverything() {
    List<Build> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(f.createBuild());
    }
    List<Build> seen = new ArrayList<>();
    Optional<ListingCursor> cursor = Optional.empty();
    int pages = 0;
    do {
      ListBuildsResult page = f.list.listBuilds(new ListBuildsQuery(f.caller, Optional.empty(), Optional.of(2), cursor));
      seen.addAll(page.builds());
      cursor = page.next();
      pages++;
    } while (cursor.isPresent() && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void listBuilds_statusFilter_holdsAfterFilesAreSynced() {
    // On AWS a build's files arrive straight in S3; the listing's read finds them and the build turns READY.
    // An INITIALIZED listing must then leave it out, and the pages must still reach every other build.
    Build uploaded = f.createBuild();
    Build waiting = f.createBuild();
    Build alsoWaiting = f.createBuild();
    f.storage.putObject(uploaded.storageLocation(), new java.io.ByteArrayInputStream(dev.hangar.application.fixture.TestZips.gameServer()));
    List<Build> seen = new ArrayList<>();
    Optional<ListingCursor> cursor = Optional.empty();
    int pages = 0;
    do {
      ListBuildsResult page = f.list.listBuilds(new ListBuildsQuery(f.caller, Optional.of(BuildStatus.INITIALIZED), Optional.of(1), cursor));
      seen.addAll(page.builds());
      cursor = page.next();
      pages++;
    } while (cursor.isPresent() && pages < 10);
    assertThat(seen).extracting(Build::id).containsExactlyInAnyOrder(waiting.id(), alsoWaiting.id());
    assertThat(seen).allSatisfy(build -> assertThat(build.status()).isEqualTo(BuildStatus.INITIALIZED));
    assertThat(f.describe.describeBuild(new DescribeBuildQuery(f.caller, f.byId(uploaded))).status()).isEqualTo(BuildStatus.READY);
  }

  @Test
  void listBuilds_cursorOfAnotherAccount_isInvalid() {
    f.createBuild();
    f.createBuild();
    ListBuildsResult first = f.list.listBuilds(new ListBuildsQuery(f.caller, Optional.empty(), Optional.of(1), Optional.empty()));
    ListBuildsQuery foreign = new ListBuildsQuery(TestBuilds.freshAccount(), Optional.empty(), Optional.of(1), first.next());
    assertThatThrownBy(() -> f.list.listBuilds(foreign)).isInstanceOf(InvalidValueException.class).hasMessageContaining("NextToken");
  }

  @Test
  void listBuilds_cursorOfAnotherFilter_isInvalid() {
    f.createBuild();
    f.createBuild();
    ListBuildsResult first = f.list.listBuilds(new ListBuildsQuery(f.caller, Optional.empty(), Optional.of(1), Optional.empty()));
    ListBuildsQuery other = new ListBuildsQuery(f.caller, Optional.of(BuildStatus.READY), Optional.of(1), first.next());
    assertThatThrownBy(() -> f.list.listBuilds(other)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void listBuildsQuery_limitZero_isInvalid() {
    assertThatThrownBy(() -> new ListBuildsQuery(f.caller, Optional.empty(), Optional.of(0), Optional.empty()))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("Limit");
  }

  @Test
  void listBuildsQuery_hugeLimit_isCappedPerPage() {
    assertThat(new ListBuildsQuery(f.caller, Optional.empty(), Optional.of(1_000_000), Optional.empty()).pageSize())
        .isEqualTo(ListBuildsQuery.MAX_PAGE_SIZE);
  }
}
