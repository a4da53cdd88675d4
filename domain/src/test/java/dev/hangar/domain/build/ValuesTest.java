package dev.hangar.domain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.failure.InvalidTagException;
import dev.hangar.domain.failure.InvalidValueException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {
  @Test
  void freeText_lengthBounds_areTheModels() {
    assertThat(FreeText.of("Name", "x".repeat(1024)).value()).hasSize(1024);
    assertThatThrownBy(() -> FreeText.of("Name", "x".repeat(1025))).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("at 'Name'").hasMessageContaining("length between 1 and 1024");
    assertThatThrownBy(() -> FreeText.of("Name", "")).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void freeText_longValue_isNotEchoed() {
    InvalidValueException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidValueException.class,
        () -> FreeText.of("Name", "x".repeat(2000)));
    assertThat(e.echoedValue()).isNull();
    assertThat(e.getMessage()).doesNotContain("xxxxxxxxxx").contains("2000 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "4.0", "4.0.2.1", "v4.0.2", "4.0.x"})
  void serverSdkVersion_notThreeNumbers_isInvalid(String value) {
    assertThatThrownBy(() -> new ServerSdkVersion(value)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("ServerSdkVersion");
  }

  @Test
  void serverSdkVersion_threeNumbers_isValid() {
    assertThat(new ServerSdkVersion("5.1.10").value()).isEqualTo("5.1.10");
  }

  @Test
  void operatingSystem_unknown_isInvalidNamingTheValueSet() {
    assertThatThrownBy(() -> OperatingSystem.parse("OperatingSystem", "NOPE"))
        .hasMessageContaining("'NOPE'").hasMessageContaining("AMAZON_LINUX_2023");
    assertThat(OperatingSystem.parse("OperatingSystem", "WINDOWS_2022")).isEqualTo(OperatingSystem.WINDOWS_2022);
  }

  @Test
  void buildStatus_unknown_isInvalid() {
    assertThatThrownBy(() -> BuildStatus.parse("Status", "DONE")).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void accountAndRegion_badShapes_areInvalid() {
    assertThatThrownBy(() -> new AccountId("12345")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new Region("moon")).isInstanceOf(InvalidValueException.class);
    assertThat(new Region("ap-southeast-2").value()).isEqualTo("ap-southeast-2");
  }

  @Test
  void tag_limits_areAwsRules() {
    assertThat(new Tag("k".repeat(128), "v".repeat(256)).key()).hasSize(128);
    assertThat(new Tag("k", "").value()).isEmpty();
    assertThatThrownBy(() -> new Tag("k".repeat(129), "v")).isInstanceOf(InvalidTagException.class);
    assertThatThrownBy(() -> new Tag("", "v")).isInstanceOf(InvalidTagException.class);
    assertThatThrownBy(() -> new Tag("k", "v".repeat(257))).isInstanceOf(InvalidTagException.class);
    assertThatThrownBy(() -> new Tag("AWS:name", "v")).isInstanceOf(InvalidTagException.class).hasMessageContaining("reserved");
  }

  @Test
  void tags_duplicateKeyInOneRequest_isRefused() {
    assertThatThrownBy(() -> Tags.of(List.of(new Tag("a", "1"), new Tag("a", "2")))).isInstanceOf(InvalidTagException.class);
  }

  @Test
  void tags_order_isFirstInsertion() {
    Tags tags = Tags.of(List.of(new Tag("b", "1"), new Tag("a", "2"))).with(List.of(new Tag("b", "3")));
    assertThat(tags.asList()).containsExactly(new Tag("b", "3"), new Tag("a", "2"));
  }
}
