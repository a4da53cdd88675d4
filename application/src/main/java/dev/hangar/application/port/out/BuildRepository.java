package dev.hangar.application.port.out;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.build.BuildReference;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.build.Region;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The build catalog. Builds are kept per owning account and listed in ascending order of id, so that a
 * listing resumed after a given id sees every build that existed throughout exactly once.
 *
 * <p>Failures: every method raises {@link DependencyFailureException} when the catalog cannot be read or
 * written; {@code update} lets whatever {@code change} throws (a {@code StateConflictException}, an
 * {@code InvalidTagException}, …) go on unchanged, with the build left as it was. Nothing else.
 */
public interface BuildRepository {
  /** Stores a new build; its id has never been used. */
  void add(Build build);

  Optional<Build> find(AccountId owner, BuildId id);

  /** The build a caller's id or ARN names in the home region, if the caller owns one by that id. */
  default Optional<Build> find(AccountId owner, BuildReference reference, Region home) {
    return reference.resolveIn(home).flatMap(id -> find(owner, id));
  }

  /**
   * Applies {@code change} to the stored build atomically: no concurrent change is lost. The function may
   * be called more than once, and an exception it throws leaves the build as it was.
   *
   * @return the build as stored after the change, or empty when there is no such build
   * @throws DependencyFailureException when the catalog cannot be read or written
   */
  Optional<Build> update(AccountId owner, BuildId id, UnaryOperator<Build> change);

  /** {@link #update(AccountId, BuildId, UnaryOperator)} for the build a caller's id or ARN names. */
  default Optional<Build> update(AccountId owner, BuildReference reference, Region home, UnaryOperator<Build> change) {
    return reference.resolveIn(home).flatMap(id -> update(owner, id, change));
  }

  /** @return the removed build, or empty when there was none */
  Optional<Build> remove(AccountId owner, BuildId id);

  /**
   * Up to {@code limit} builds of {@code owner} with ids strictly after {@code after} (from the start when
   * empty), in ascending id order, keeping only those with {@code status} when given.
   */
  Page list(AccountId owner, Optional<BuildStatus> status, Optional<BuildId> after, int limit);

  /** One page of a listing; {@code more} says whether builds may follow the last one. */
  record Page(List<Build> builds, boolean more) {
    public Page {
      builds = List.copyOf(builds);
    }

    /**
     * The page a sorted catalog gives: {@code fromCursor} walks builds in ascending (account, id) order from just
     * after the cursor; the page takes {@code owner}'s builds with {@code status} (when given) up to {@code limit},
     * and stops at the first build of another account.
     */
    public static Page collect(java.util.Iterator<Build> fromCursor, AccountId owner, Optional<BuildStatus> status, int limit) {
      List<Build> page = new java.util.ArrayList<>(Math.min(limit, 128));
      while (fromCursor.hasNext()) {
        Build build = fromCursor.next();
        if (!build.owner().equals(owner)) {
          break;
        }
        if (status.isPresent() && build.status() != status.get()) {
          continue;
        }
        if (page.size() == limit) {
          return new Page(page, true);
        }
        page.add(build);
      }
      return new Page(page, false);
    }
  }
}
