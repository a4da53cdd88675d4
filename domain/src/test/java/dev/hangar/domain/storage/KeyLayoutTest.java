package dev.hangar.domain.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.failure.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyLayoutTest {
  private static final AccountId ACCOUNT = new AccountId("123456789012");
  private static final BuildId ID = new BuildId("build-1111aaaa-22bb-33cc-44dd-5555eeee66ff");

  @Test
  void gameLiftLayout_roundTrips() {
    ObjectKey key = KeyLayout.GAMELIFT.keyFor(ACCOUNT, ID);
    assertThat(key.value()).isEqualTo("123456789012/build-1111aaaa-22bb-33cc-44dd-5555eeee66ff");
    assertThat(KeyLayout.GAMELIFT.ownerOf(key)).contains(new KeyLayout.Owner(ACCOUNT, ID));
  }

  @Test
  void customLayout_roundTripsAndRejectsOtherKeys() {
    KeyLayout layout = new KeyLayout("builds/{account}/{buildId}.zip");
    ObjectKey key = layout.keyFor(ACCOUNT, ID);
    assertThat(key.value()).isEqualTo("builds/123456789012/build-1111aaaa-22bb-33cc-44dd-5555eeee66ff.zip");
    assertThat(layout.ownerOf(key)).contains(new KeyLayout.Owner(ACCOUNT, ID));
    assertThat(layout.ownerOf(new ObjectKey("builds/123456789012/build-x.tar"))).isEmpty();
    assertThat(layout.ownerOf(new ObjectKey("other/123456789012/build-x.zip"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{account}", "{buildId}", "{account}/{account}/{buildId}", "/{account}/{buildId}", "{account}//{buildId}",
      "a b/{account}/{buildId}", "{account}/{buildId}?x"})
  void constructor_badTemplate_invalid(String template) {
    assertThatThrownBy(() -> new KeyLayout(template)).isInstanceOf(InvalidValueException.class);
  }
}
