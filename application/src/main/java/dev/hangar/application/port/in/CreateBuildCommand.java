package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.FreeText;
import dev.hangar.domain.build.OperatingSystem;
import dev.hangar.domain.build.ServerSdkVersion;
import dev.hangar.domain.build.Tags;
import dev.hangar.domain.storage.StorageLocation;
import java.util.Objects;
import java.util.Optional;

/** Define a new build; without a storage location, its files are uploaded to the service's storage. */
public record CreateBuildCommand(
    AccountId caller,
    Optional<FreeText> name,
    Optional<FreeText> version,
    Optional<OperatingSystem> operatingSystem,
    Optional<ServerSdkVersion> serverSdkVersion,
    Tags tags,
    Optional<StorageLocation> storageLocation) {

  public CreateBuildCommand {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(operatingSystem, "operatingSystem");
    Objects.requireNonNull(serverSdkVersion, "serverSdkVersion");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(storageLocation, "storageLocation");
    if (storageLocation.isPresent() && !storageLocation.get().isCallerOwned()) {
      throw new IllegalArgumentException("a caller-supplied storage location names the caller's role");
    }
  }
}
