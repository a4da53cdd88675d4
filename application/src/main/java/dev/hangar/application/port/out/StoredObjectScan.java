package dev.hangar.application.port.out;

import dev.hangar.domain.storage.StorageLocation;
import java.util.function.Consumer;

/**
 * Every object a node's own storage holds: what start-up walks to find objects no build owns any more (a crash
 * between a build's removal and its files'). Objects are listed as they are found, never all held at once.
 *
 * <p>Failures: {@link DependencyFailureException} when the storage cannot be listed; what {@code action}
 * throws goes on unchanged.
 */
public interface StoredObjectScan {
  void forEachObject(Consumer<StorageLocation> action);
}
