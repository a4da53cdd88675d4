package dev.hangar.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.port.in.ListingCursor;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.failure.InvalidValueException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NextTokensTest {
  private static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }

  private final NextTokens tokens = new NextTokens(key(1));
  private final ListingCursor cursor = new ListingCursor(new AccountId("123456789012"), Optional.of(BuildStatus.READY),
      new BuildId("build-1111aaaa-22bb-33cc-44dd-5555eeee66ff"));

  @Test
  void open_sealedCursor_roundTrips() {
    assertThat(tokens.open(tokens.seal(cursor))).isEqualTo(cursor);
    ListingCursor noFilter = new ListingCursor(cursor.account(), Optional.empty(), cursor.after());
    assertThat(tokens.open(tokens.seal(noFilter))).isEqualTo(noFilter);
  }

  @Test
  void open_everySingleByteChange_isRefused() {
    byte[] raw = Base64.getUrlDecoder().decode(tokens.seal(cursor));
    for (int i = 0; i < raw.length; i++) {
      byte[] tampered = raw.clone();
      tampered[i] ^= 0x01;
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
      assertThatThrownBy(() -> tokens.open(token)).as("byte %d", i).isInstanceOf(InvalidValueException.class);
    }
  }

  @Test
  void open_tokenOfAnotherKey_isRefused() {
    String foreign = new NextTokens(key(2)).seal(cursor);
    assertThatThrownBy(() -> tokens.open(foreign)).isInstanceOf(InvalidValueException.class).hasMessageContaining("NextToken");
  }

  @Test
  void open_garbage_isRefusedWithoutEcho() {
    for (String garbage : new String[] {"", "!!!", "abc", "x".repeat(5000)}) {
      assertThatThrownBy(() -> tokens.open(garbage)).isInstanceOf(InvalidValueException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("!!!"));
    }
  }
}
