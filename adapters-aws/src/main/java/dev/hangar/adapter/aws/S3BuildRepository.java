package dev.hangar.adapter.aws;

import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.storage.BucketName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The build catalog on S3, so that any number of stateless nodes share it: one object per build at
 * {@code <prefix><account>.<build id>}. Creation is {@code If-None-Match: *}; every change is a read, the
 * domain's change, and a write with {@code If-Match} on the ETag read, retried from the read when another
 * node wrote first (412 PreconditionFailed, 409 ConditionalRequestConflict), so no update is ever lost.
 * Listing walks the keys in order from the cursor, as S3 lists them.
 */
public final class S3BuildRepository implements BuildRepository {
  static final int MAX_ATTEMPTS = 30;
  private static final long MAX_BACKOFF_MILLIS = 200;

  private final S3Client s3;
  private final BucketName bucket;
  private final String prefix;

  public S3BuildRepository(S3Client s3, BucketName bucket, String prefix) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /**
   * {@code <prefix><account>.<build id>}: flat keys, no '/' after the prefix. S3 lists them in the same order;
   * moto's SigV4 check refuses a ListObjectsV2 whose prefix or start-after holds a '/', and the tests run on moto.
   */
  private String keyOf(AccountId owner, BuildId id) {
    return accountPrefix(owner) + id.value();
  }

  private String accountPrefix(AccountId owner) {
    return prefix + owner.value() + ".";
  }

  private record Stored(Build build, String etag) {
  }

  @Override
  public void add(Build build) {
    try {
      s3.putObject(r -> r.bucket(bucket.value()).key(keyOf(build.owner(), build.id())).ifNoneMatch("*").contentType("text/plain"),
          RequestBody.fromString(BuildRecords.write(build), StandardCharsets.UTF_8));
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        throw new IllegalStateException("build id used twice: " + build.id());
      }
      throw new DependencyFailureException("cannot add " + build.id() + " to the catalog", e);
    } catch (SdkException e) {
      throw new DependencyFailureException("cannot add " + build.id() + " to the catalog", e);
    }
  }

  @Override
  public Optional<Build> find(AccountId owner, BuildId id) {
    return read(keyOf(owner, id)).map(Stored::build);
  }

  @Override
  public Optional<Build> update(AccountId owner, BuildId id, UnaryOperator<Build> change) {
    String key = keyOf(owner, id);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<Stored> current = read(key);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      Build next = change.apply(current.get().build());
      if (next.equals(current.get().build())) {
        return Optional.of(next);
      }
      try {
        s3.putObject(r -> r.bucket(bucket.value()).key(key).ifMatch(current.get().etag()).contentType("text/plain"),
            RequestBody.fromString(BuildRecords.write(next), StandardCharsets.UTF_8));
        return Optional.of(next);
      } catch (S3Exception e) {
        if (!isLostRace(e)) {
          throw new DependencyFailureException("cannot update " + id + " in the catalog", e);
        }
        // Another node wrote first: wait a little (jittered, so racers spread out), read again, apply the change again.
        backOff(attempt);
      } catch (SdkException e) {
        throw new DependencyFailureException("cannot update " + id + " in the catalog", e);
      }
    }
    throw new DependencyFailureException("the catalog record of " + id + " changed " + MAX_ATTEMPTS + " times during one update");
  }

  private static void backOff(int attempt) {
    long ceiling = Math.min(MAX_BACKOFF_MILLIS, 5L << Math.min(attempt, 6));
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DependencyFailureException("interrupted while retrying a catalog update", e);
    }
  }

  /** 412: the ETag no longer matches; 409: S3 saw two conditional writes to the key at once. Either way, read again. */
  static boolean isLostRace(S3Exception e) {
    return e.statusCode() == 412 || e.statusCode() == 409;
  }

  @Override
  public Optional<Build> remove(AccountId owner, BuildId id) {
    String key = keyOf(owner, id);
    Optional<Stored> current = read(key);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    try {
      s3.deleteObject(r -> r.bucket(bucket.value()).key(key));
    } catch (SdkException e) {
      throw new DependencyFailureException("cannot remove " + id + " from the catalog", e);
    }
    return Optional.of(current.get().build());
  }

  @Override
  public Page list(AccountId owner, Optional<BuildStatus> status, Optional<BuildId> after, int limit) {
    String accountPrefix = accountPrefix(owner);
    String startAfter = after.map(id -> accountPrefix + id.value()).orElse(null);
    List<Build> page = new ArrayList<>();
    String token = null;
    try {
      do {
        String continuation = token;
        ListObjectsV2Response listing = s3.listObjectsV2(r -> r.bucket(bucket.value()).prefix(accountPrefix)
            .startAfter(continuation == null ? startAfter : null).continuationToken(continuation).maxKeys(Math.min(1000, limit + 1)));
        for (S3Object object : listing.contents()) {
          Optional<Build> build = read(object.key()).map(Stored::build);
          if (build.isEmpty() || (status.isPresent() && build.get().status() != status.get())) {
            continue;
          }
          if (page.size() == limit) {
            return new Page(page, true);
          }
          page.add(build.get());
        }
        token = Boolean.TRUE.equals(listing.isTruncated()) ? listing.nextContinuationToken() : null;
      } while (token != null);
    } catch (SdkException e) {
      throw new DependencyFailureException("cannot list the catalog of " + owner, e);
    }
    return new Page(page, false);
  }

  private Optional<Stored> read(String key) {
    try {
      ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(bucket.value()).key(key));
      return Optional.of(new Stored(BuildRecords.read(object.asUtf8String()), object.response().eTag()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new DependencyFailureException("cannot read " + key + " from the catalog", e);
    } catch (SdkException e) {
      throw new DependencyFailureException("cannot read " + key + " from the catalog", e);
    }
  }
}
