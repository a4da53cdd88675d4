package dev.hangar.application.port.out;

/**
 * Where the key that seals ListBuilds NextTokens comes from. A node alone draws its own; nodes that share a
 * catalog share the key too, so that a listing begun on one node continues on any other.
 */
public interface ListingTokenKeys {
  /**
   * The key, 32 bytes: the same on every call, and the same for every caller on the same store.
   *
   * @throws DependencyFailureException when the store cannot be read or written
   */
  byte[] key();
}
