package dev.hangar.application.service;

import dev.hangar.application.port.in.ListBuildsQuery;
import dev.hangar.application.port.in.ListBuildsResult;
import dev.hangar.application.port.in.ListBuildsUseCase;
import dev.hangar.application.port.in.ListingCursor;
import dev.hangar.application.port.in.SyncBuildFilesUseCase;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.failure.InvalidValueException;
import java.util.List;
import java.util.Optional;

public final class ListBuildsService implements ListBuildsUseCase {
  private final BuildRepository builds;
  private final SyncBuildFilesUseCase files;

  public ListBuildsService(BuildRepository builds, SyncBuildFilesUseCase files) {
    this.builds = builds;
    this.files = files;
  }

  @Override
  public ListBuildsResult listBuilds(ListBuildsQuery query) {
    Optional<BuildId> after = query.cursor().map(cursor -> {
      if (!cursor.account().equals(query.caller()) || !cursor.status().equals(query.status())) {
        throw InvalidValueException.rejected("NextToken", "the token was issued for another caller or another Status filter");
      }
      return cursor.after();
    });
    BuildRepository.Page page = builds.list(query.caller(), query.status(), after, query.pageSize());
    List<Build> scanned = page.builds();
    // The catalog filters on the status it holds; syncing the files may change it, so filter again after.
    // The cursor stays on the last build scanned, so a page emptied by the filter still leads to the next.
    List<Build> found = scanned.stream().map(files::syncBuildFiles)
        .filter(build -> query.status().map(status -> build.status() == status).orElse(true))
        .toList();
    Optional<ListingCursor> next = page.more() && !scanned.isEmpty()
        ? Optional.of(new ListingCursor(query.caller(), query.status(), scanned.get(scanned.size() - 1).id()))
        : Optional.empty();
    return new ListBuildsResult(found, next);
  }
}
