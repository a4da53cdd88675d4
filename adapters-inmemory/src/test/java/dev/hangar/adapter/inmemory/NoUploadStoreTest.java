package dev.hangar.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.port.out.UploadStore;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.MultipartUpload.RequestedPart;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StorageLocation;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoUploadStoreTest {
  private static final StorageLocation LOCATION = StorageLocation.serviceOwned(new BucketName("hangar-builds"), new ObjectKey("k.zip"));
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private final UploadStore store = NoUploadStore.INSTANCE;

  @Test
  void writes_any_refused() {
    assertThatThrownBy(() -> store.putObject(LOCATION, new ByteArrayInputStream(new byte[1]))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> store.createMultipartUpload(LOCATION, NOW)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> store.uploadPart("u-1", LOCATION, 1, new ByteArrayInputStream(new byte[1])))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void namedUpload_any_noSuchUpload() {
    assertThatThrownBy(() -> store.listParts("u-1", LOCATION)).isInstanceOf(UploadStore.NoSuchUploadException.class);
    assertThatThrownBy(() -> store.completeMultipartUpload("u-1", LOCATION, List.of(new RequestedPart(1, "\"e\""))))
        .isInstanceOf(UploadStore.NoSuchUploadException.class);
    assertThatThrownBy(() -> store.abortMultipartUpload("u-1", LOCATION)).isInstanceOf(UploadStore.NoSuchUploadException.class);
  }

  @Test
  void removeExpiredUploads_nothingHeld_none() {
    assertThat(store.removeExpiredUploads(NOW)).isZero();
  }
}
