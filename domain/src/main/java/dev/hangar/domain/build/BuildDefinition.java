package dev.hangar.domain.build;

import java.util.Objects;
import java.util.Optional;

/** What a caller says about a new build: its labels, target platform and tags. */
public final class BuildDefinition {
  private final FreeText name;
  private final FreeText version;
  private final OperatingSystem operatingSystem;
  private final ServerSdkVersion serverSdkVersion;
  private final Tags tags;

  public BuildDefinition(Optional<FreeText> name, Optional<FreeText> version, OperatingSystem operatingSystem,
      ServerSdkVersion serverSdkVersion, Tags tags) {
    this.name = name.orElse(null);
    this.version = version.orElse(null);
    this.operatingSystem = Objects.requireNonNull(operatingSystem, "operatingSystem");
    this.serverSdkVersion = Objects.requireNonNull(serverSdkVersion, "serverSdkVersion");
    this.tags = Objects.requireNonNull(tags, "tags");
  }

  public Optional<FreeText> name() {
    return Optional.ofNullable(name);
  }

  public Optional<FreeText> version() {
    return Optional.ofNullable(version);
  }

  public OperatingSystem operatingSystem() {
    return operatingSystem;
  }

  public ServerSdkVersion serverSdkVersion() {
    return serverSdkVersion;
  }

  public Tags tags() {
    return tags;
  }
}
