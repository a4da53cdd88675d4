package dev.hangar.adapter.aws;

import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ByteRange;
import dev.hangar.domain.storage.KeyLayout;
import dev.hangar.domain.storage.ServiceBucket;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.RoleArn;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Build files in the service's S3 bucket. Uploads go straight to S3 with STS leases; this adapter sees
 * what arrived (HeadObject), reads zips, copies a caller's object in with the caller's role, and deletes.
 */
public final class S3BuildStorage implements BuildStorage {
  /** Beyond this many entries a zip is not judged usable (and its names would not fit a node's memory). */
  static final int MAX_ENTRIES = 500_000;
  /** The signature of a zip's end record, with which a zip without entries begins. */
  private static final byte[] END_SIGNATURE = {'P', 'K', 5, 6};

  private final S3Client s3;
  private final BucketName bucket;
  private final ServiceBucket serviceBucket;
  private final Function<RoleArn, S3Client> callerClients;

  /**
   * @param callerClients an S3 client acting as a caller's role (for CreateBuild with a StorageLocation)
   */
  public S3BuildStorage(S3Client s3, BucketName bucket, KeyLayout layout, Function<RoleArn, S3Client> callerClients) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.serviceBucket = new ServiceBucket(bucket, layout);
    this.callerClients = Objects.requireNonNull(callerClients, "callerClients");
  }

  @Override
  public StorageLocation locationFor(AccountId owner, BuildId id) {
    return serviceBucket.locationFor(owner, id);
  }

  @Override
  public Optional<KeyLayout.Owner> ownerOf(BucketName otherBucket, ObjectKey key) {
    return serviceBucket.ownerOf(otherBucket, key);
  }

  @Override
  public Optional<StoredObject> find(StorageLocation location) {
    try {
      HeadObjectResponse head = s3.headObject(r -> r.bucket(location.bucket().value()).key(location.key().value()));
      return Optional.of(new StoredObject(head.contentLength(), head.eTag(), versionOf(head.versionId()), head.lastModified()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new DependencyFailureException("cannot look at " + location, e);
    } catch (SdkException e) {
      throw new DependencyFailureException("cannot look at " + location, e);
    }
  }

  @Override
  public Optional<List<String>> archiveEntries(StorageLocation location) {
    Optional<InputStream> object = open(location);
    if (object.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    boolean endRecordFirst;
    try (BufferedInputStream in = new BufferedInputStream(object.get());
        ZipInputStream zip = new ZipInputStream(in)) {
      in.mark(END_SIGNATURE.length);
      endRecordFirst = Arrays.equals(in.readNBytes(END_SIGNATURE.length), END_SIGNATURE);
      in.reset();
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (names.size() == MAX_ENTRIES) {
          return Optional.empty();
        }
        names.add(entry.getName());
      }
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    // The stream finds no entry in text as in an empty zip: only a zip without entries starts with its end record.
    return names.isEmpty() && !endRecordFirst ? Optional.empty() : Optional.of(names);
  }

  @Override
  public Optional<InputStream> open(StorageLocation location) {
    try {
      return Optional.of(s3.getObject(r -> r.bucket(location.bucket().value()).key(location.key().value())));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw new DependencyFailureException("cannot read " + location, e);
    }
  }

  /** A ranged GetObject: S3 sends only those bytes. */
  @Override
  public Optional<InputStream> open(StorageLocation location, ByteRange range) {
    if (range.length() == 0) {
      return find(location).map(found -> InputStream.nullInputStream());
    }
    try {
      return Optional.of(s3.getObject(r -> r.bucket(location.bucket().value()).key(location.key().value())
          .range("bytes=" + range.offset() + "-" + range.last())));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw new DependencyFailureException("cannot read " + location, e);
    }
  }

  @Override
  public StoredObject importObject(StorageLocation source, StorageLocation destination) {
    S3Client reader = source.roleArn().map(callerClients).orElse(s3);
    ResponseInputStream<GetObjectResponse> in;
    try {
      in = reader.getObject(r -> r.bucket(source.bucket().value()).key(source.key().value())
          .versionId(source.objectVersion().map(v -> v.value()).orElse(null)));
    } catch (SdkException e) {
      throw new ObjectUnavailableException("Cannot read s3://" + source.bucket() + "/" + source.key()
          + source.objectVersion().map(v -> " version " + v).orElse("") + " with " + source.roleArn().map(Object::toString).orElse("the node's role")
          + ": " + (e instanceof S3Exception s3e && s3e.awsErrorDetails() != null ? s3e.awsErrorDetails().errorCode() : "unreachable"));
    }
    try (in) {
      long length = in.response().contentLength();
      PutObjectResponse put = s3.putObject(r -> r.bucket(destination.bucket().value()).key(destination.key().value()),
          RequestBody.fromInputStream(in, length));
      // PutObject does not say when the object was stored; its HEAD does (one request per import).
      HeadObjectResponse stored = s3.headObject(r -> r.bucket(destination.bucket().value()).key(destination.key().value())
          .versionId(put.versionId()));
      return new StoredObject(length, put.eTag(), versionOf(put.versionId()), stored.lastModified());
    } catch (IOException | SdkException e) {
      throw new DependencyFailureException("cannot copy " + source + " to " + destination, e);
    }
  }

  /**
   * Deletes the build's object. Unfinished multipart uploads to it are left to the bucket's lifecycle rule
   * (AbortIncompleteMultipartUpload, see the README): listing them per key is what S3 emulators get wrong.
   */
  @Override
  public void deleteFiles(StorageLocation location) {
    try {
      s3.deleteObject(r -> r.bucket(location.bucket().value()).key(location.key().value()));
    } catch (SdkException e) {
      throw new DependencyFailureException("cannot delete " + location, e);
    }
  }

  /** S3's name for the version of an object in a bucket without versioning. */
  private static String versionOf(String versionId) {
    return versionId == null ? "null" : versionId;
  }
}
