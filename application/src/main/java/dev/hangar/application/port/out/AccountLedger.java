package dev.hangar.application.port.out;

import dev.hangar.domain.build.AccountId;

/**
 * What each account holds against its limits: GameLift's quota of builds and the byte limit of its build files
 * (builds' sizes on disk, imported objects included, and the parts of uploads in progress). The use cases ask it
 * before they store anything; where the limits are not kept ({@link #NOT_KEPT}), every call is admitted.
 *
 * <p>Failures: {@link #admitBuild} and {@link #requireUnderByteLimit} raise {@code StateConflictException}
 * (GameLift's {@code ConflictException}, with its messages); {@link #reserve} raises {@code UploadTooLargeException}
 * (S3's {@code EntityTooLarge}). A ledger that reads the catalog lets its {@link DependencyFailureException} go on.
 */
public interface AccountLedger {
  /** A reservation of bytes for one write, held until {@link #close} (which ends it once, whatever it is called). */
  interface Reservation extends AutoCloseable {
    @Override
    void close();
  }

  /** Keeps no limit: on AWS, where any number of nodes share the state and uploads go to S3 directly. */
  AccountLedger NOT_KEPT = new NotKept();

  /** The ledger that keeps no limit: every call admitted, nothing counted. */
  record NotKept() implements AccountLedger {
    @Override
    public void admitBuild(AccountId account) {
    }

    @Override
    public void track(AccountId account) {
    }

    @Override
    public void buildGone(AccountId account) {
    }

    @Override
    public void requireUnderByteLimit(AccountId account) {
    }

    @Override
    public Reservation reserve(AccountId account, long incoming, long replaced) {
      return () -> { };
    }

    @Override
    public Reservation hold(AccountId account, long bytes) {
      return () -> { };
    }

    @Override
    public void changed(AccountId account) {
    }

    @Override
    public void changedEverywhere() {
    }
  }

  /**
   * Takes a place in the account's quota for one new build, before it is stored; concurrent calls cannot pass the
   * quota together. Give it back with {@link #buildGone} if the build is not stored after all.
   */
  void admitBuild(AccountId account);

  /** Starts counting the account's builds if it is not yet (called before a deletion, so the build is counted once). */
  void track(AccountId account);

  /** A build of the account is gone (deleted, or never stored after {@link #admitBuild}), and its bytes with it. */
  void buildGone(AccountId account);

  /** As on GameLift: an account whose stored bytes are over the limit creates no build, whatever its source. */
  void requireUnderByteLimit(AccountId account);

  /**
   * Reserves {@code incoming} bytes for a write that replaces {@code replaced} stored bytes (a part uploaded again),
   * before its first byte is read, if the account's total stays within the limit; concurrent reservations cannot
   * pass it together. Closed once the written bytes are counted where they are stored, or the write failed.
   */
  Reservation reserve(AccountId account, long incoming, long replaced);

  /** Holds bytes already admitted while they move between stores (parts becoming an object); never refused. */
  Reservation hold(AccountId account, long bytes);

  /** The account's stored bytes changed (an upload aborted or completed, an import, a deletion). */
  void changed(AccountId account);

  /** Stored bytes of any account may have changed (expired uploads removed). */
  void changedEverywhere();
}
