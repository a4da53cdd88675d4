package dev.hangar.domain.build;

import dev.hangar.domain.failure.InvalidValueException;
import dev.hangar.domain.failure.StateConflictException;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A game server build: defined (INITIALIZED), then its files acquired (READY) or rejected (FAILED).
 * Immutable: every change returns a new instance, after checking that the change is allowed.
 */
public final class Build {
  private final BuildId id;
  private final AccountId owner;
  private final Region region;
  private final FreeText name;
  private final FreeText version;
  private final OperatingSystem operatingSystem;
  private final ServerSdkVersion serverSdkVersion;
  private final BuildStatus status;
  private final long sizeOnDisk;
  private final Instant creationTime;
  private final StorageLocation storageLocation;
  private final Tags tags;
  private final StoredObject files;

  private Build(BuildId id, AccountId owner, Region region, FreeText name, FreeText version,
      OperatingSystem operatingSystem, ServerSdkVersion serverSdkVersion, BuildStatus status, long sizeOnDisk,
      Instant creationTime, StorageLocation storageLocation, Tags tags, StoredObject files) {
    this.id = Objects.requireNonNull(id, "id");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.region = Objects.requireNonNull(region, "region");
    this.name = name;
    this.version = version;
    this.operatingSystem = Objects.requireNonNull(operatingSystem, "operatingSystem");
    this.serverSdkVersion = Objects.requireNonNull(serverSdkVersion, "serverSdkVersion");
    this.status = Objects.requireNonNull(status, "status");
    this.creationTime = Objects.requireNonNull(creationTime, "creationTime");
    this.storageLocation = Objects.requireNonNull(storageLocation, "storageLocation");
    this.tags = Objects.requireNonNull(tags, "tags");
    this.files = files;
    if (sizeOnDisk < 0) {
      throw new InvalidValueException("SizeOnDisk", Long.toString(sizeOnDisk), "Member must not be negative");
    }
    if (status == BuildStatus.INITIALIZED && sizeOnDisk != 0) {
      throw new InvalidValueException("SizeOnDisk", Long.toString(sizeOnDisk), "An INITIALIZED build has no files yet");
    }
    this.sizeOnDisk = sizeOnDisk;
  }

  /** A new build, INITIALIZED, with no files yet. */
  public static Build initialize(BuildId id, AccountId owner, Region region, BuildDefinition definition,
      StorageLocation storageLocation, Instant now) {
    return new Build(id, owner, region, definition.name().orElse(null), definition.version().orElse(null),
        definition.operatingSystem(), definition.serverSdkVersion(), BuildStatus.INITIALIZED, 0, now,
        storageLocation, definition.tags(), null);
  }

  /** Rebuilds a stored build; for adapters only. */
  public static Build restore(BuildId id, AccountId owner, Region region, Optional<FreeText> name,
      Optional<FreeText> version, OperatingSystem operatingSystem, ServerSdkVersion serverSdkVersion,
      BuildStatus status, long sizeOnDisk, Instant creationTime, StorageLocation storageLocation, Tags tags) {
    return restore(id, owner, region, name, version, operatingSystem, serverSdkVersion, status, sizeOnDisk, creationTime,
        storageLocation, tags, Optional.empty());
  }

  /** Rebuilds a stored build with the object its files were judged from; for adapters only. */
  public static Build restore(BuildId id, AccountId owner, Region region, Optional<FreeText> name,
      Optional<FreeText> version, OperatingSystem operatingSystem, ServerSdkVersion serverSdkVersion,
      BuildStatus status, long sizeOnDisk, Instant creationTime, StorageLocation storageLocation, Tags tags,
      Optional<StoredObject> files) {
    return new Build(id, owner, region, name.orElse(null), version.orElse(null), operatingSystem,
        serverSdkVersion, status, sizeOnDisk, creationTime, storageLocation, tags, files.orElse(null));
  }

  /** Name and Version are the only mutable descriptions; an absent one is left as it is. */
  public Build describeAs(Optional<FreeText> newName, Optional<FreeText> newVersion) {
    return new Build(id, owner, region, newName.orElse(name), newVersion.orElse(version), operatingSystem,
        serverSdkVersion, status, sizeOnDisk, creationTime, storageLocation, tags, files);
  }

  public Build tag(List<Tag> added) {
    return withTags(tags.with(added));
  }

  public Build untag(Collection<String> keys) {
    return withTags(tags.without(keys));
  }

  private Build withTags(Tags next) {
    return new Build(id, owner, region, name, version, operatingSystem, serverSdkVersion, status, sizeOnDisk,
        creationTime, storageLocation, next, files);
  }

  /** Throws unless the build still waits for its files. */
  public void requireAwaitingUpload() {
    if (storageLocation.isCallerOwned()) {
      throw new StateConflictException("Build " + id + " takes its files from a caller-owned S3 location; upload credentials are not issued for it");
    }
    if (status != BuildStatus.INITIALIZED) {
      throw new StateConflictException("Build " + id + " is " + status + "; upload credentials are issued only for INITIALIZED builds");
    }
  }

  /** The build's files arrived in full: READY when the archive is usable, FAILED otherwise. */
  public Build acceptFiles(StoredObject object, BuildArchive.Verdict verdict) {
    if (status != BuildStatus.INITIALIZED) {
      throw new StateConflictException("Build " + id + " is " + status + "; its files can no longer change");
    }
    BuildStatus next = verdict.usable() ? BuildStatus.READY : BuildStatus.FAILED;
    return new Build(id, owner, region, name, version, operatingSystem, serverSdkVersion, next, object.size(),
        creationTime, storageLocation, tags, object);
  }

  /**
   * The object a READY build was judged from is no longer the one stored (overwritten or deleted): its files
   * can no longer be trusted, so the build is FAILED.
   */
  public Build filesChanged() {
    if (status != BuildStatus.READY) {
      throw new StateConflictException("Build " + id + " is " + status + "; only a READY build's files can change under it");
    }
    return new Build(id, owner, region, name, version, operatingSystem, serverSdkVersion, BuildStatus.FAILED, sizeOnDisk,
        creationTime, storageLocation, tags, files);
  }

  /** True when {@code stored} is still exactly the object this build's files were judged from. */
  public boolean hasFiles(StoredObject stored) {
    return files != null && files.etag().equals(stored.etag()) && files.versionId().equals(stored.versionId())
        && files.size() == stored.size();
  }

  public BuildId id() {
    return id;
  }

  public BuildArn arn() {
    return new BuildArn(region, id);
  }

  public AccountId owner() {
    return owner;
  }

  public Region region() {
    return region;
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

  public BuildStatus status() {
    return status;
  }

  public long sizeOnDisk() {
    return sizeOnDisk;
  }

  public Instant creationTime() {
    return creationTime;
  }

  public StorageLocation storageLocation() {
    return storageLocation;
  }

  public Tags tags() {
    return tags;
  }

  /** The object this build's files were judged from, once they arrived. */
  public Optional<StoredObject> files() {
    return Optional.ofNullable(files);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Build that
        && id.equals(that.id) && owner.equals(that.owner) && region.equals(that.region)
        && Objects.equals(name, that.name) && Objects.equals(version, that.version)
        && operatingSystem == that.operatingSystem && serverSdkVersion.equals(that.serverSdkVersion)
        && status == that.status && sizeOnDisk == that.sizeOnDisk && creationTime.equals(that.creationTime)
        && storageLocation.equals(that.storageLocation) && tags.equals(that.tags) && Objects.equals(files, that.files);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, owner, status);
  }

  @Override
  public String toString() {
    return "Build[" + id + ", owner=" + owner + ", status=" + status + "]";
  }
}
