package dev.hangar.adapter.http.s3;

import dev.hangar.application.fixture.TestBuilds;
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
import dev.hangar.application.port.in.UploadPartCommand;
import dev.hangar.application.port.in.UploadPartUseCase;
import dev.hangar.application.port.in.UploadRequest;
import dev.hangar.application.port.out.ContentMd5;
import dev.hangar.domain.storage.ByteRange;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import dev.hangar.domain.storage.StoredPart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every upload-endpoint use case in the heap: records what it was asked, reads bodies in full, answers as told. */
final class FakeS3UseCases implements PutBuildObjectUseCase, CreateMultipartUploadUseCase, UploadPartUseCase,
    CompleteMultipartUploadUseCase, AbortMultipartUploadUseCase, ListPartsUseCase, GetBuildObjectUseCase {
  static final Instant STORED = Instant.parse("2030-01-02T03:04:05.678Z");
  static final String STORED_HTTP = "Wed, 02 Jan 2030 03:04:05 GMT";

  final List<Object> calls = new CopyOnWriteArrayList<>();
  final List<ByteRange> opened = new CopyOnWriteArrayList<>();
  volatile byte[] received;
  /** The MD5 the body reported after it ended ({@link ContentMd5}), as the upload store takes it; null if it reports none. */
  volatile String reportedMd5;
  volatile byte[] object;
  volatile RuntimeException failure;
  volatile List<StoredPart> parts = List.of();

  S3UseCases useCases() {
    return new S3UseCases(this, this, this, this, this, this, this);
  }

  private void failIfTold() {
    if (failure != null) {
      throw failure;
    }
  }

  private byte[] read(InputStream in) {
    try {
      received = in.readAllBytes();
      reportedMd5 = in instanceof ContentMd5 digested ? digested.md5Hex() : null;
      return received;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public StoredObject putBuildObject(PutBuildObjectCommand command) {
    calls.add(command);
    failIfTold();
    byte[] bytes = read(command.content());
    return new StoredObject(bytes.length, "\"put-etag\"", "v-1", STORED);
  }

  @Override
  public String createMultipartUpload(CreateMultipartUploadCommand command) {
    calls.add(command);
    failIfTold();
    return "upload-1";
  }

  @Override
  public StoredPart uploadPart(UploadPartCommand command) {
    calls.add(command);
    failIfTold();
    byte[] bytes = read(command.content());
    return new StoredPart(command.partNumber(), bytes.length, "0123456789abcdef0123456789abcdef", STORED);
  }

  @Override
  public StoredObject completeMultipartUpload(CompleteMultipartUploadCommand command) {
    calls.add(command);
    failIfTold();
    return new StoredObject(10, "\"0123456789abcdef0123456789abcdef-2\"", "v-2", STORED);
  }

  @Override
  public void abortMultipartUpload(AbortMultipartUploadCommand command) {
    calls.add(command);
    failIfTold();
  }

  @Override
  public List<StoredPart> listParts(ListPartsQuery query) {
    calls.add(query);
    failIfTold();
    return new ArrayList<>(parts);
  }

  @Override
  public Optional<BuildObject> getBuildObject(GetBuildObjectQuery query) {
    calls.add(query);
    failIfTold();
    byte[] bytes = object;
    StorageLocation location = StorageLocation.serviceOwned(query.bucket(), query.key());
    return bytes == null ? Optional.empty()
        : Optional.of(new BuildObject(location, new StoredObject(bytes.length, "\"get-etag\"", "v-3", STORED)));
  }

  @Override
  public Optional<InputStream> openBuildObject(BuildObject found) {
    opened.add(new ByteRange(0, object.length));
    return Optional.of(new ByteArrayInputStream(object));
  }

  @Override
  public Optional<InputStream> openBuildObject(BuildObject found, ByteRange range) {
    opened.add(range);
    return Optional.of(new ByteArrayInputStream(object, (int) range.offset(), (int) range.length()));
  }

  static String bucket() {
    return TestBuilds.BUCKET.value();
  }
}
