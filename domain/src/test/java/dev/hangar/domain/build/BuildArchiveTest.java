package dev.hangar.domain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BuildArchiveTest {
  @Test
  void judge_notAZip_unusable() {
    assertThat(BuildArchive.judge(Optional.empty()).usable()).isFalse();
    assertThat(BuildArchive.judge(Optional.empty()).reason()).contains("not a zip");
  }

  @Test
  void judge_zipWithoutEntries_unusable() {
    BuildArchive.Verdict verdict = BuildArchive.judge(Optional.of(List.of()));
    assertThat(verdict.usable()).isFalse();
    assertThat(verdict.reason()).isEqualTo("the zip has no entries");
  }

  @Test
  void judge_entriesInsideTheRoot_usable() {
    assertThat(BuildArchive.judge(Optional.of(List.of("server.sh", "data/levels/one.bin", "a..b/c", "dir/"))).usable()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil.sh", "data/../../evil", "/etc/passwd", "\\windows\\system32", "C:\\boot.ini", "a\\..\\..\\b", ".."})
  void judge_entryEscapingTheRoot_unusableNamingIt(String entry) {
    BuildArchive.Verdict verdict = BuildArchive.judge(Optional.of(List.of("ok.txt", entry)));
    assertThat(verdict.usable()).isFalse();
    assertThat(verdict.reason()).contains(entry);
  }
}
