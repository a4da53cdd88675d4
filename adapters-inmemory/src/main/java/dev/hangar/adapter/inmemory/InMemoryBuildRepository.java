package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.build.BuildStatus;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * The build catalog in a concurrent sorted map keyed by (account, build id). Listing walks the map from
 * the cursor onwards; the map's weakly consistent iteration sees every entry present for the whole walk
 * exactly once, whatever is added or removed meanwhile.
 */
public final class InMemoryBuildRepository implements BuildRepository {
  private final ConcurrentSkipListMap<Key, Build> builds = new ConcurrentSkipListMap<>();

  private record Key(String account, String buildId) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byAccount = account.compareTo(other.account);
      return byAccount != 0 ? byAccount : buildId.compareTo(other.buildId);
    }
  }

  private static Key key(AccountId owner, BuildId id) {
    return new Key(owner.value(), id.value());
  }

  @Override
  public void add(Build build) {
    if (builds.putIfAbsent(key(build.owner(), build.id()), build) != null) {
      throw new IllegalStateException("build id used twice: " + build.id());
    }
  }

  @Override
  public Optional<Build> find(AccountId owner, BuildId id) {
    return Optional.ofNullable(builds.get(key(owner, id)));
  }

  @Override
  public Optional<Build> update(AccountId owner, BuildId id, UnaryOperator<Build> change) {
    Key key = key(owner, id);
    // compare-and-set loop rather than computeIfPresent: the change runs outside any lock of the map.
    while (true) {
      Build current = builds.get(key);
      if (current == null) {
        return Optional.empty();
      }
      Build next = change.apply(current);
      if (builds.replace(key, current, next)) {
        return Optional.of(next);
      }
    }
  }

  @Override
  public Optional<Build> remove(AccountId owner, BuildId id) {
    return Optional.ofNullable(builds.remove(key(owner, id)));
  }

  @Override
  public Page list(AccountId owner, Optional<BuildStatus> status, Optional<BuildId> after, int limit) {
    Key start = after.map(id -> key(owner, id)).orElse(new Key(owner.value(), ""));
    return Page.collect(builds.tailMap(start, false).values().iterator(), owner, status, limit);
  }
}
