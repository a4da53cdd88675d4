package dev.hangar.application.service;

import dev.hangar.application.port.in.AbortMultipartUploadCommand;
import dev.hangar.application.port.in.AbortMultipartUploadUseCase;
import dev.hangar.application.port.in.BuildObject;
import dev.hangar.application.port.in.CompleteMultipartUploadCommand;
import dev.hangar.application.port.in.CompleteMultipartUploadUseCase;
import dev.hangar.application.port.in.CreateMultipartUploadCommand;
import dev.hangar.application.port.in.CreateMultipartUploadUseCase;
import dev.hangar.application.port.in.GetBuildObjectQuery;
import dev.hangar.application.port.in.GetBuildObjectUseCase;
import dev.hangar.application.port.in.ListPartsQuery;
import dev.hangar.application.port.in.ListPartsUseCase;
import dev.hangar.application.port.in.PutBuildObjectCommand;
import dev.hangar.application.port.in.PutBuildObjectUseCase;
import dev.hangar.application.port.in.UploadDeniedException;
import dev.hangar.application.port.in.UploadPartCommand;
import dev.hangar.application.port.in.UploadPartUseCase;
import dev.hangar.application.port.in.UploadRequest;
import dev.hangar.application.port.in.UploadTooLargeException;
import dev.hangar.application.port.out.AccountLedger;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.UploadStore;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildArchive;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.credential.UploadTarget;
import dev.hangar.domain.storage.ByteRange;
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.StoredObject;
import dev.hangar.domain.storage.StoredPart;
import dev.hangar.domain.storage.UploadLimits;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The embedded upload endpoint's use cases: what a lease may write (its one object, before it expires,
 * while the build is INITIALIZED, within the limits), and what follows a complete object (the build
 * becomes READY with its size, or FAILED when the zip is unusable). One service for the seven S3
 * operations, because they share every rule.
 */
public final class BuildUploadService implements PutBuildObjectUseCase, CreateMultipartUploadUseCase, UploadPartUseCase,
    CompleteMultipartUploadUseCase, AbortMultipartUploadUseCase, ListPartsUseCase, GetBuildObjectUseCase {
  private static final String DENIED = "Access Denied";

  private final BuildRepository builds;
  private final BuildStorage storage;
  private final UploadStore uploads;
  private final UploadLimits limits;
  private final AccountLedger ledger;
  private final Clock clock;
  /**
   * One lock per build while requests hold it or wait for it: a whole object is checked, stored and judged by
   * one request at a time. The value is the monitor and counts its holders (changed only inside the map's
   * compute); the last holder to leave removes it, so the map holds only the builds being written.
   */
  private final ConcurrentHashMap<String, AtomicInteger> objectLocks = new ConcurrentHashMap<>();

  public BuildUploadService(BuildRepository builds, BuildStorage storage, UploadStore uploads, UploadLimits limits,
      AccountLedger ledger, Clock clock) {
    this.builds = builds;
    this.storage = storage;
    this.uploads = uploads;
    this.limits = limits;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Two whole-object writes to one build never interleave: the second waits, then finds the build READY (or
   * FAILED) and is refused before its body is read, so no object replaces the one a build was judged from.
   */
  @Override
  public StoredObject putBuildObject(PutBuildObjectCommand command) {
    return exclusively(command.where().lease().target(), () -> {
      UploadTarget target = authorize(command.where());
      requireWithin(command.declaredLength(), limits.maxObjectBytes(), "object");
      // Reserved until the build counts the object (its size on disk), so that the bytes count all along.
      try (AccountLedger.Reservation reserved = ledger.reserve(target.account(), command.declaredLength(), 0)) {
        StoredObject object = uploads.putObject(target.location(), command.content());
        finish(target, object);
        return object;
      }
    });
  }

  @Override
  public String createMultipartUpload(CreateMultipartUploadCommand command) {
    UploadTarget target = authorize(command.where());
    return uploads.createMultipartUpload(target.location(), command.where().lease().expiresAt(), limits.maxOpenUploadsPerBuild());
  }

  @Override
  public StoredPart uploadPart(UploadPartCommand command) {
    UploadTarget target = authorize(command.where());
    MultipartUpload.requirePartNumber(command.partNumber());
    requireWithin(command.declaredLength(), limits.maxPartBytes(), "part");
    List<StoredPart> stored = uploads.listParts(command.uploadId(), target.location());
    long partsSoFar = stored.stream().filter(part -> part.partNumber() != command.partNumber()).mapToLong(StoredPart::size).sum();
    long replaced = stored.stream().filter(part -> part.partNumber() == command.partNumber()).mapToLong(StoredPart::size).sum();
    requireWithin(partsSoFar + command.declaredLength(), limits.maxObjectBytes(), "object");
    try (AccountLedger.Reservation reserved = ledger.reserve(target.account(), command.declaredLength(), replaced)) {
      return uploads.uploadPart(command.uploadId(), target.location(), command.partNumber(), command.content());
    }
  }

  @Override
  public StoredObject completeMultipartUpload(CompleteMultipartUploadCommand command) {
    return exclusively(command.where().lease().target(), () -> {
      UploadTarget target = authorize(command.where());
      java.util.Set<Integer> requested = new java.util.HashSet<>();
      command.parts().forEach(part -> requested.add(part.partNumber()));
      long total = uploads.listParts(command.uploadId(), target.location()).stream()
          .filter(part -> requested.contains(part.partNumber()))
          .mapToLong(StoredPart::size).sum();
      requireWithin(total, limits.maxObjectBytes(), "object");
      // The parts were counted against the account as they arrived. Between their removal and the build counting the
      // object made of them, their bytes are held, unchecked, so that they count all along.
      try (AccountLedger.Reservation held = ledger.hold(target.account(), total)) {
        StoredObject object = uploads.completeMultipartUpload(command.uploadId(), target.location(), command.parts());
        finish(target, object);
        return object;
      }
    });
  }

  /** Runs {@code work} holding the build's lock; the lock's entry leaves the map with its last holder. */
  private StoredObject exclusively(UploadTarget target, Supplier<StoredObject> work) {
    String key = target.account().value() + "/" + target.buildId().value();
    AtomicInteger holders = objectLocks.compute(key, (k, held) -> {
      AtomicInteger joined = held == null ? new AtomicInteger() : held;
      joined.incrementAndGet();
      return joined;
    });
    try {
      synchronized (holders) {
        return work.get();
      }
    } finally {
      objectLocks.computeIfPresent(key, (k, held) -> held.decrementAndGet() == 0 ? null : held);
    }
  }

  /** How many builds' locks are held or waited for now (for tests). */
  int objectLocksInUse() {
    return objectLocks.size();
  }

  @Override
  public void abortMultipartUpload(AbortMultipartUploadCommand command) {
    UploadTarget target = authorize(command.where());
    uploads.abortMultipartUpload(command.uploadId(), target.location());
    ledger.changed(target.account());
  }

  @Override
  public List<StoredPart> listParts(ListPartsQuery query) {
    UploadTarget target = authorize(query.where());
    return uploads.listParts(query.uploadId(), target.location());
  }

  @Override
  public Optional<BuildObject> getBuildObject(GetBuildObjectQuery query) {
    return storage.ownerOf(query.bucket(), query.key())
        .filter(owner -> owner.account().equals(query.caller()))
        .flatMap(owner -> builds.find(owner.account(), owner.buildId()))
        .map(build -> storage.locationFor(build.owner(), build.id()))
        .flatMap(location -> storage.find(location).map(object -> new BuildObject(location, object)));
  }

  @Override
  public Optional<InputStream> openBuildObject(BuildObject object) {
    return storage.open(object.location());
  }

  @Override
  public Optional<InputStream> openBuildObject(BuildObject object, ByteRange range) {
    return storage.open(object.location(), range);
  }

  /** The lease covers exactly this bucket and key, now, and its build still waits for its files. */
  private UploadTarget authorize(UploadRequest where) {
    CredentialLease lease = where.lease();
    if (!lease.permitsWrite(where.bucket(), where.key(), clock.instant())) {
      throw new UploadDeniedException(DENIED);
    }
    UploadTarget target = lease.target();
    Build build = builds.find(target.account(), target.buildId()).orElseThrow(() -> new UploadDeniedException(DENIED));
    if (build.status() != BuildStatus.INITIALIZED) {
      throw new UploadDeniedException("Access Denied: build " + build.id() + " is " + build.status()
          + " and its files can no longer change");
    }
    return target;
  }

  private void finish(UploadTarget target, StoredObject object) {
    BuildArchive.Verdict verdict = BuildArchive.judge(storage.archiveEntries(target.location()));
    Optional<Build> updated = builds.update(target.account(), target.buildId(), build -> build.acceptFiles(object, verdict));
    if (updated.isEmpty()) {
      // The build was deleted while its files were arriving: keep nothing of it.
      storage.deleteFiles(target.location());
      throw new UploadDeniedException(DENIED);
    }
  }

  private static void requireWithin(long size, long max, String what) {
    if (size > max) {
      throw new UploadTooLargeException("Your proposed upload exceeds the maximum allowed " + what + " size of " + max + " bytes");
    }
  }
}
