package dev.hangar.bootstrap.testing;

import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.build.BuildStatus;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A catalog that works until its switch is on, then fails every call as an unreachable store would. */
final class FaultyBuildRepository implements BuildRepository {
  private final BuildRepository real;
  private final FaultSwitch faults;

  FaultyBuildRepository(BuildRepository real, FaultSwitch faults) {
    this.real = real;
    this.faults = faults;
  }

  private void check() {
    if (faults.failing()) {
      throw new DependencyFailureException("test fault: the catalog is unreachable (secret detail: s3cr3t)");
    }
  }

  @Override
  public void add(Build build) {
    check();
    real.add(build);
  }

  @Override
  public Optional<Build> find(AccountId owner, BuildId id) {
    check();
    return real.find(owner, id);
  }

  @Override
  public Optional<Build> update(AccountId owner, BuildId id, UnaryOperator<Build> change) {
    check();
    return real.update(owner, id, change);
  }

  @Override
  public Optional<Build> remove(AccountId owner, BuildId id) {
    check();
    return real.remove(owner, id);
  }

  @Override
  public Page list(AccountId owner, Optional<BuildStatus> status, Optional<BuildId> after, int limit) {
    check();
    return real.list(owner, status, after, limit);
  }
}
