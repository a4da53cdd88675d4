package dev.hangar.domain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.failure.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BuildReferenceTest {
  private static final Region HOME = new Region("us-west-2");

  @ParameterizedTest
  @ValueSource(strings = {
      "build-1111aaaa-22bb-33cc-44dd-5555eeee66ff",
      "arn:aws:gamelift:us-west-2::build/build-1111aaaa-22bb-33cc-44dd-5555eeee66ff",
      "arn:aws:gamelift:us-west-2:123456789012:build/build-1111aaaa-22bb-33cc-44dd-5555eeee66ff"})
  void parseIdOrArn_idOrHomeArn_resolvesToId(String value) {
    assertThat(BuildReference.parseIdOrArn("BuildId", value).resolveIn(HOME))
        .contains(new BuildId("build-1111aaaa-22bb-33cc-44dd-5555eeee66ff"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "arn:aws:gamelift:eu-west-1::build/build-1",
      "arn:aws:s3:us-west-2::build/build-1"})
  void parseIdOrArn_otherRegionOrService_resolvesToNothing(String value) {
    assertThat(BuildReference.parseIdOrArn("BuildId", value).resolveIn(HOME)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad id", "build-", "fleet-123", "build-a b", "arn:aws:gamelift:us-west-2::fleet/fleet-1", ""})
  void parseIdOrArn_badShape_isInvalid(String value) {
    assertThatThrownBy(() -> BuildReference.parseIdOrArn("BuildId", value))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("at 'BuildId'");
  }

  @ParameterizedTest
  @CsvSource({
      "arn:aws:gamelift:us-west-2::fleet/fleet-1",
      "arn:aws:gamelift:us-west-2::build/not-a-build"})
  void parseResourceArn_wellFormedNonBuildArn_resolvesToNothing(String value) {
    assertThat(BuildReference.parseResourceArn("ResourceARN", value).resolveIn(HOME)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"build-1", "not an arn", "arn:aws:gamelift"})
  void parseResourceArn_notAnArn_isInvalid(String value) {
    assertThatThrownBy(() -> BuildReference.parseResourceArn("ResourceARN", value)).isInstanceOf(InvalidValueException.class);
  }

  @org.junit.jupiter.api.Test
  void parseIdOrArn_missing_saysNotNull() {
    assertThatThrownBy(() -> BuildReference.parseIdOrArn("BuildId", null)).hasMessage(
        "Value null at 'BuildId' failed to satisfy constraint: Member must not be null");
  }
}
