package dev.hangar.application.port.out;

import static dev.hangar.application.fixture.TestBuilds.freshAccount;
import static dev.hangar.application.fixture.TestBuilds.freshId;
import static dev.hangar.application.fixture.TestBuilds.locationOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.failure.MultipartRuleException;
import dev.hangar.domain.storage.MultipartUpload.RequestedPart;
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import dev.hangar.domain.storage.StoredPart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** S3's write semantics, as the embedded endpoint needs them from its store. */
public abstract class UploadStoreContractTest {
  private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");
  private static final int MIB = 1024 * 1024;

  protected abstract UploadStore uploads();

  /** The same adapter seen as a BuildStorage, to look at what was written. */
  protected abstract BuildStorage storage();

  private static StorageLocation fresh() {
    return locationOf(freshAccount(), freshId());
  }

  private static byte[] bytes(int size, int seed) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) seed);
    return bytes;
  }

  private static InputStream failingAfter(int bytes) {
    return new InputStream() {
      private int sent;

      @Override
      public int read() {
        if (sent++ >= bytes) {
          throw new IllegalStateException("the client went away");
        }
        return 'x';
      }
    };
  }

  @Test
  void putObject_md5Etag_andReplacesEarlierObject() {
    StorageLocation location = fresh();
    uploads().putObject(location, new ByteArrayInputStream("first".getBytes()));
    StoredObject second = uploads().putObject(location, new ByteArrayInputStream("hello".getBytes()));
    assertThat(second.etag()).isEqualTo("\"5d41402abc4b2a76b9719d911017c592\"");
    assertThat(storage().find(location)).contains(second);
  }

  /** What the HTTP adapter's streams raise from read: a payload refused, a client gone. */
  private static final class ContentFailed extends UploadContentException {
    private static final long serialVersionUID = 1L;

    ContentFailed() {
      super("the payload was refused", null);
    }
  }

  private static InputStream refusedAfter(int bytes, UploadContentException failure) {
    return new InputStream() {
      private int sent;

      @Override
      public int read() {
        if (sent++ >= bytes) {
          throw failure;
        }
        return 'x';
      }
    };
  }

  @Test
  void putObject_contentFails_thatFailureGoesOnUnchanged() {
    StorageLocation location = fresh();
    UploadContentException failure = new ContentFailed();
    assertThatThrownBy(() -> uploads().putObject(location, refusedAfter(100_000, failure))).isSameAs(failure);
    assertThat(storage().find(location)).isEmpty();
  }

  @Test
  void uploadPart_contentFails_thatFailureGoesOnUnchanged() {
    StorageLocation location = fresh();
    String id = uploads().createMultipartUpload(location, LATER);
    UploadContentException failure = new ContentFailed();
    assertThatThrownBy(() -> uploads().uploadPart(id, location, 1, refusedAfter(70_000, failure))).isSameAs(failure);
    assertThat(uploads().listParts(id, location)).isEmpty();
  }

  @Test
  void putObject_streamFails_nothingKept() {
    StorageLocation location = fresh();
    assertThatThrownBy(() -> uploads().putObject(location, failingAfter(100_000))).hasMessageContaining("went away");
    assertThat(storage().find(location)).isEmpty();
  }

  @Test
  void multipart_partsOutOfOrder_completeAssemblesInOrder() throws IOException {
    StorageLocation location = fresh();
    String id = uploads().createMultipartUpload(location, LATER);
    StoredPart two = uploads().uploadPart(id, location, 2, new ByteArrayInputStream(bytes(1024, 'b')));
    StoredPart one = uploads().uploadPart(id, location, 1, new ByteArrayInputStream(bytes(5 * MIB, 'a')));
    assertThat(uploads().listParts(id, location)).extracting(StoredPart::partNumber).containsExactly(1, 2);
    StoredObject object = uploads().completeMultipartUpload(id, location,
        List.of(new RequestedPart(1, one.etag()), new RequestedPart(2, two.etag())));
    assertThat(object.size()).isEqualTo(5L * MIB + 1024);
    assertThat(object.etag()).isEqualTo("\"16329fb6004d64a4fbc5bbb983fa0528-2\"");
    try (InputStream in = storage().open(location).orElseThrow()) {
      byte[] all = in.readAllBytes();
      assertThat(all[0]).isEqualTo((byte) 'a');
      assertThat(all[all.length - 1]).isEqualTo((byte) 'b');
    }
    assertThatThrownBy(() -> uploads().listParts(id, location)).isInstanceOf(UploadStore.NoSuchUploadException.class);
  }

  @Test
  void uploadPart_sameNumberTwice_lastWins() {
    StorageLocation location = fresh();
    String id = uploads().createMultipartUpload(location, LATER);
    uploads().uploadPart(id, location, 1, new ByteArrayInputStream("old".getBytes()));
    StoredPart latest = uploads().uploadPart(id, location, 1, new ByteArrayInputStream("new!".getBytes()));
    assertThat(uploads().listParts(id, location)).singleElement().satisfies(part -> {
      assertThat(part.size()).isEqualTo(4);
      assertThat(part.md5Hex()).isEqualTo(latest.md5Hex());
    });
  }

  @Test
  void uploadPart_streamFails_partNotListed() {
    StorageLocation location = fresh();
    String id = uploads().createMultipartUpload(location, LATER);
    assertThatThrownBy(() -> uploads().uploadPart(id, location, 1, failingAfter(70_000))).hasMessageContaining("went away");
    assertThat(uploads().listParts(id, location)).isEmpty();
  }

  @Test
  void complete_rulesBroken_eachRefusedWithItsViolation() {
    StorageLocation location = fresh();
    String id = uploads().createMultipartUpload(location, LATER);
    StoredPart one = uploads().uploadPart(id, location, 1, new ByteArrayInputStream(bytes(1024, 'a')));
    StoredPart two = uploads().uploadPart(id, location, 2, new ByteArrayInputStream(bytes(1024, 'b')));
    assertViolation(id, location, List.of(new RequestedPart(2, two.etag()), new RequestedPart(1, one.etag())),
        MultipartRuleException.Violation.INVALID_PART_ORDER);
    assertViolation(id, location, List.of(new RequestedPart(1, "\"00000000000000000000000000000000\"")),
        MultipartRuleException.Violation.INVALID_PART);
    assertViolation(id, location, List.of(new RequestedPart(3, one.etag())), MultipartRuleException.Violation.INVALID_PART);
    assertViolation(id, location, List.of(new RequestedPart(1, one.etag()), new RequestedPart(2, two.etag())),
        MultipartRuleException.Violation.ENTITY_TOO_SMALL);
    assertThat(storage().find(location)).isEmpty();
    assertThat(uploads().listParts(id, location)).hasSize(2);
  }

  private void assertViolation(String id, StorageLocation location, List<RequestedPart> parts, MultipartRuleException.Violation violation) {
    assertThatThrownBy(() -> uploads().completeMultipartUpload(id, location, parts))
        .isInstanceOfSatisfying(MultipartRuleException.class, e -> assertThat(e.violation()).isEqualTo(violation));
  }

  @Test
  void abort_thenEverythingIsNoSuchUpload() {
    StorageLocation location = fresh();
    String id = uploads().createMultipartUpload(location, LATER);
    uploads().uploadPart(id, location, 1, new ByteArrayInputStream("x".getBytes()));
    uploads().abortMultipartUpload(id, location);
    assertThatThrownBy(() -> uploads().uploadPart(id, location, 2, new ByteArrayInputStream("y".getBytes())))
        .isInstanceOf(UploadStore.NoSuchUploadException.class);
    assertThatThrownBy(() -> uploads().abortMultipartUpload(id, location)).isInstanceOf(UploadStore.NoSuchUploadException.class);
  }

  @Test
  void uploadId_ofAnotherLocationOrUnknown_noSuchUpload() {
    StorageLocation location = fresh();
    String id = uploads().createMultipartUpload(location, LATER);
    assertThatThrownBy(() -> uploads().listParts(id, fresh())).isInstanceOf(UploadStore.NoSuchUploadException.class);
    assertThatThrownBy(() -> uploads().listParts("no-such-upload", location)).isInstanceOf(UploadStore.NoSuchUploadException.class);
    assertThatThrownBy(() -> uploads().listParts("../../etc", location)).isInstanceOf(UploadStore.NoSuchUploadException.class);
  }

  @Test
  void removeExpiredUploads_onlyThosePastTheirTime() {
    StorageLocation location = fresh();
    Instant expiry = Instant.parse("2099-01-01T00:00:00Z");
    String expiring = uploads().createMultipartUpload(location, expiry);
    String lasting = uploads().createMultipartUpload(location, LATER);
    uploads().removeExpiredUploads(expiry.minusSeconds(1));
    assertThat(uploads().listParts(expiring, location)).isEmpty();
    assertThat(uploads().removeExpiredUploads(expiry)).isGreaterThanOrEqualTo(1);
    assertThatThrownBy(() -> uploads().listParts(expiring, location)).isInstanceOf(UploadStore.NoSuchUploadException.class);
    assertThat(uploads().listParts(lasting, location)).isEmpty();
  }

  @Test
  void createMultipartUpload_atTheLimitOfOpenUploads_refusedUntilOneEnds() {
    StorageLocation location = fresh();
    String first = uploads().createMultipartUpload(location, LATER, 2);
    uploads().createMultipartUpload(location, LATER, 2);
    assertThatThrownBy(() -> uploads().createMultipartUpload(location, LATER, 2))
        .isInstanceOf(UploadStore.TooManyUploadsException.class).hasMessageContaining("2 open multipart uploads per build");
    assertThat(uploads().createMultipartUpload(fresh(), LATER, 2)).as("another location's uploads are its own").isNotBlank();
    uploads().abortMultipartUpload(first, location);
    assertThat(uploads().createMultipartUpload(location, LATER, 2)).isNotBlank();
  }

  @Test
  void pendingBytes_thePartsStoredByLocation_aReplacedPartOnce_anAbortedUploadGone() {
    StorageLocation one = fresh();
    StorageLocation two = fresh();
    String a = uploads().createMultipartUpload(one, LATER);
    String b = uploads().createMultipartUpload(one, LATER);
    String c = uploads().createMultipartUpload(two, LATER);
    uploads().createMultipartUpload(fresh(), LATER);
    uploads().uploadPart(a, one, 1, new ByteArrayInputStream(bytes(100, 1)));
    uploads().uploadPart(a, one, 1, new ByteArrayInputStream(bytes(70, 2)));
    uploads().uploadPart(a, one, 2, new ByteArrayInputStream(bytes(30, 3)));
    uploads().uploadPart(b, one, 1, new ByteArrayInputStream(bytes(5, 4)));
    uploads().uploadPart(c, two, 7, new ByteArrayInputStream(bytes(11, 5)));
    java.util.Map<StorageLocation, Long> pending = uploads().pendingBytes();
    assertThat(pending.get(one)).isEqualTo(105L);
    assertThat(pending.get(two)).isEqualTo(11L);
    uploads().abortMultipartUpload(c, two);
    assertThat(uploads().pendingBytes()).doesNotContainKey(two).containsEntry(one, 105L);
  }
}
