package dev.hangar.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every source of the listing-token key promises; each adapter binds it to its own store. */
public abstract class ListingTokenKeysContractTest {
  /** A source on a store of its own, fresh for each call. */
  protected abstract ListingTokenKeys keys();

  /** Another source on the same store as {@code keys} (another node sharing it). */
  protected abstract ListingTokenKeys sharing(ListingTokenKeys keys);

  @Test
  void key_fresh_is32Bytes() {
    assertThat(keys().key()).hasSize(32);
  }

  @Test
  void key_calledTwice_sameKey() {
    ListingTokenKeys keys = keys();
    assertThat(keys.key()).isEqualTo(keys.key());
  }

  @Test
  void key_anotherCallerOnTheSameStore_sameKey() {
    ListingTokenKeys keys = keys();
    byte[] first = keys.key();
    assertThat(sharing(keys).key()).isEqualTo(first);
  }

  @Test
  void key_twoStores_differentKeys() {
    assertThat(keys().key()).isNotEqualTo(keys().key());
  }
}
