package dev.hangar.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.port.out.DependencyFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemLeaseKeysTest {
  @TempDir
  Path dataDir;

  @Test
  void firstStart_drawsOneKey_inAFileOnlyTheOwnerMayRead() throws Exception {
    List<byte[]> keys = new FileSystemLeaseKeys(dataDir).keys();
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0)).hasSize(32);
    Path file = dataDir.resolve(FileSystemLeaseKeys.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.exists(dataDir.resolve(FileSystemLeaseKeys.FILE_NAME + ".new"))).isFalse();
  }

  @Test
  void restart_readsTheSameKey() {
    byte[] first = new FileSystemLeaseKeys(dataDir).keys().get(0);
    assertThat(new FileSystemLeaseKeys(dataDir).keys()).singleElement().isEqualTo(first);
  }

  @Test
  void rotate_newKeyFirst_keepsThePreviousOne_dropsOlder() {
    byte[] original = new FileSystemLeaseKeys(dataDir).keys().get(0);
    assertThat(FileSystemLeaseKeys.rotate(dataDir)).isEqualTo(2);
    List<byte[]> rotated = new FileSystemLeaseKeys(dataDir).keys();
    assertThat(rotated).hasSize(2);
    assertThat(rotated.get(0)).isNotEqualTo(original);
    assertThat(rotated.get(1)).isEqualTo(original);

    FileSystemLeaseKeys.rotate(dataDir);
    List<byte[]> twice = new FileSystemLeaseKeys(dataDir).keys();
    assertThat(twice).hasSize(2);
    assertThat(twice.get(1)).isEqualTo(rotated.get(0));
    assertThat(twice).noneMatch(key -> java.util.Arrays.equals(key, original));
  }

  @Test
  void fileOthersMayRead_isRefused() throws Exception {
    new FileSystemLeaseKeys(dataDir);
    Path file = dataDir.resolve(FileSystemLeaseKeys.FILE_NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> new FileSystemLeaseKeys(dataDir)).isInstanceOf(DependencyFailureException.class)
        .hasMessageContaining("chmod 600").hasMessageNotContaining(Files.readString(file).trim());
  }

  @Test
  void fileThatHoldsNoKey_isRefused() throws Exception {
    Path file = dataDir.resolve(FileSystemLeaseKeys.FILE_NAME);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, "not-a-key\n");
    assertThatThrownBy(() -> new FileSystemLeaseKeys(dataDir)).isInstanceOf(DependencyFailureException.class)
        .hasMessageContaining("not a base64 key");
    Files.writeString(file, "\n");
    assertThatThrownBy(() -> new FileSystemLeaseKeys(dataDir)).isInstanceOf(DependencyFailureException.class)
        .hasMessageContaining("holds no key");
  }
}
