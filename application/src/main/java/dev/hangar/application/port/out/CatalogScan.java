package dev.hangar.application.port.out;

import dev.hangar.domain.build.Build;
import java.util.function.Consumer;

/**
 * Every build of a catalog, whatever its account: what a node walks at start-up to bring its catalog and its
 * files back into agreement after a crash. A page of builds is held at a time, never the whole catalog.
 *
 * <p>Failures: {@link DependencyFailureException} when the catalog cannot be read; what {@code action}
 * throws goes on unchanged.
 */
public interface CatalogScan {
  /** Calls {@code action} once for each build stored when the walk began and still stored when it is reached. */
  void forEachBuild(Consumer<Build> action);
}
