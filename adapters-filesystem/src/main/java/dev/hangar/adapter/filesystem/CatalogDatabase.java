package dev.hangar.adapter.filesystem;

import dev.hangar.application.port.out.DependencyFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * The node's SQLite database, {@code <data-dir>/hangar.db}: the build catalog, the multipart uploads and the
 * node's settings. {@code journal_mode=WAL} and {@code synchronous=FULL}: a committed transaction survives
 * power loss.
 *
 * <p>One writer thread commits every write. Writes that arrive while it commits wait in a queue and go into
 * the next transaction together, each in a savepoint of its own, so concurrent requests share one commit
 * and one sync (SQLite has no group commit of its own); a write that fails rolls back its savepoint alone.
 * {@link #write} returns only once the transaction holding the write is committed and synced. Reads use a
 * pool of their own connections and never wait for the writer: in WAL mode a reader sees the last commit.
 */
public final class CatalogDatabase implements AutoCloseable {
  /** The schema this Hangar writes; a database with a higher {@code user_version} is refused, unchanged. */
  public static final int SCHEMA_VERSION = 2;
  static final String FILE_NAME = "hangar.db";
  private static final int READERS = 8;
  private static final int MAX_BATCH = 1024;
  /** Writes waiting for the writer; a caller beyond this waits to enqueue, so memory stays bounded. */
  private static final int MAX_PENDING = 4096;

  private final Path file;
  private final boolean durable;
  private final Session writer;
  private final BlockingQueue<Session> readers = new ArrayBlockingQueue<>(READERS);
  private final BlockingQueue<Write<?>> pending = new LinkedBlockingQueue<>(MAX_PENDING);
  private final Thread writerThread;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();

  /** Work done on one connection; its statements come from {@link Session#prepare}, cached per connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Session session) throws SQLException;
  }

  /** One connection and the statements prepared on it. */
  public static final class Session {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private Session(Connection connection) {
      this.connection = connection;
    }

    public PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement statement = statements.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        statements.put(sql, statement);
      }
      statement.clearParameters();
      return statement;
    }

    void execute(String sql) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }

    private void close() {
      try {
        for (PreparedStatement statement : statements.values()) {
          statement.close();
        }
        connection.close();
      } catch (SQLException e) {
        // Closing: nothing is left to save.
      }
    }
  }

  private record Write<T>(Work<T> work, java.util.function.Consumer<? super T> afterCommit, CompletableFuture<T> done) {
  }

  /**
   * Opens (or creates) the database in {@code folder}. The caller holds the folder's lock, so no other node
   * has it open.
   *
   * @throws IllegalStateException when the database was written by a newer Hangar (it is left unchanged)
   * @throws DependencyFailureException when it cannot be opened
   */
  public CatalogDatabase(Path folder) {
    this(folder, true);
  }

  /**
   * @param durable false for a database that nothing needs after the process ends (the memory backend's, in a
   *     temporary folder): {@code synchronous=OFF}, so no write waits for the disk
   */
  public CatalogDatabase(Path folder, boolean durable) {
    this.file = folder.resolve(FILE_NAME);
    this.durable = durable;
    try {
      Files.createDirectories(folder);
      refuseNewerSchema(file);
      writer = new Session(open(file, false, durable));
      migrate(writer);
      for (int i = 0; i < READERS; i++) {
        readers.add(new Session(open(file, true, durable)));
      }
    } catch (SQLException | java.io.IOException e) {
      throw new DependencyFailureException("cannot open the database " + file, e);
    }
    writerThread = new Thread(this::writeLoop, "hangar-catalog-writer");
    writerThread.setDaemon(true);
    writerThread.start();
  }

  /** How many transactions the writer has committed since the database was opened. */
  public long commits() {
    return commits.get();
  }

  public Path file() {
    return file;
  }

  /**
   * Runs {@code work} in the writer's transaction and returns once that transaction is committed and synced.
   * What {@code work} throws is rethrown unchanged (an {@link SQLException} as a {@link DependencyFailureException}),
   * with everything it wrote rolled back.
   */
  public <T> T write(Work<T> work) {
    return write(work, result -> { });
  }

  /**
   * {@link #write(Work)}, and {@code afterCommit} with the work's result once its transaction is committed, on the
   * writer thread, in commit order, before this returns; not at all when the work failed or the commit did.
   * It must be quick and must not throw (what it throws is dropped).
   */
  public <T> T write(Work<T> work, java.util.function.Consumer<? super T> afterCommit) {
    if (closed) {
      throw new DependencyFailureException("the database " + file + " is closed");
    }
    Write<T> write = new Write<>(work, afterCommit, new CompletableFuture<>());
    try {
      pending.put(write);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DependencyFailureException("interrupted while waiting for the database", e);
    }
    return await(write.done());
  }

  /** Runs {@code work} on a reader connection: it sees the last committed state, and never waits for a sync. */
  public <T> T read(Work<T> work) {
    Session session;
    try {
      session = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DependencyFailureException("interrupted while waiting for the database", e);
    }
    try {
      return work.run(session);
    } catch (SQLException e) {
      throw failure("cannot read the catalog", e);
    } finally {
      readers.add(session);
    }
  }

  private static <T> T await(CompletableFuture<T> done) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return done.get();
        } catch (InterruptedException e) {
          // The write is in the queue or being committed: its outcome must be known before replying.
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw new DependencyFailureException("cannot write the catalog", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void writeLoop() {
    List<Write<?>> batch = new ArrayList<>();
    while (true) {
      try {
        Write<?> first = pending.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed) {
            return;
          }
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
      } catch (RuntimeException | Error e) {
        batch.forEach(write -> write.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  /** One transaction for the whole batch, a savepoint per write; the futures complete after COMMIT returns. */
  private void commit(List<Write<?>> batch) {
    List<Object> results = new ArrayList<>(batch.size());
    List<Throwable> failures = new ArrayList<>(batch.size());
    try {
      writer.execute("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      DependencyFailureException failure = failure("cannot write the catalog", e);
      batch.forEach(write -> write.done().completeExceptionally(failure));
      return;
    }
    for (Write<?> write : batch) {
      Object result = null;
      Throwable failed = null;
      try {
        writer.execute("SAVEPOINT w");
        result = write.work().run(writer);
        writer.execute("RELEASE w");
      } catch (SQLException e) {
        failed = failure("cannot write the catalog", e);
      } catch (RuntimeException | Error e) {
        failed = e;
      }
      if (failed != null && !rollbackSavepoint()) {
        DependencyFailureException failure = failure("cannot write the catalog", new SQLException("savepoint rollback failed"));
        rollback();
        batch.forEach(each -> each.done().completeExceptionally(failure));
        return;
      }
      results.add(result);
      failures.add(failed);
    }
    try {
      writer.execute("COMMIT");
    } catch (SQLException e) {
      rollback();
      DependencyFailureException failure = failure("cannot commit to the catalog", e);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().completeExceptionally(failures.get(i) != null ? failures.get(i) : failure);
      }
      return;
    }
    commits.incrementAndGet();
    for (int i = 0; i < batch.size(); i++) {
      complete(batch.get(i), results.get(i), failures.get(i));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void complete(Write<T> write, Object result, Throwable failure) {
    if (failure != null) {
      write.done().completeExceptionally(failure);
    } else {
      try {
        write.afterCommit().accept((T) result);
      } catch (RuntimeException e) {
        // The write is committed: the caller learns that, whatever its follower did.
      }
      write.done().complete((T) result);
    }
  }

  private boolean rollbackSavepoint() {
    try {
      writer.execute("ROLLBACK TO w");
      writer.execute("RELEASE w");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private void rollback() {
    try {
      writer.execute("ROLLBACK");
    } catch (SQLException e) {
      // No transaction was open: SQLite ends one itself on a full disk or an I/O error.
    }
  }

  /** A full disk is named as such; no SQL, path or value goes into a reply (the wire drops the detail). */
  static DependencyFailureException failure(String what, SQLException e) {
    int code = e.getErrorCode() & 0xff;
    if (code == SQLiteErrorCode.SQLITE_FULL.code) {
      return new DependencyFailureException(what + ": the disk is full", e);
    }
    return new DependencyFailureException(what, e);
  }

  /** Stops the writer after the writes already queued, and closes every connection. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writerThread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Write<?>> left = new ArrayList<>();
    pending.drainTo(left);
    DependencyFailureException failure = new DependencyFailureException("the database " + file + " is closed");
    left.forEach(write -> write.done().completeExceptionally(failure));
    for (Session reader : readers) {
      reader.close();
    }
    writer.close();
  }

  private static Connection open(Path file, boolean readOnly, boolean durable) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    config.setSynchronous(durable ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.OFF);
    if (!readOnly) {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }
    Connection connection = config.createConnection("jdbc:sqlite:" + file);
    if (readOnly) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA query_only = 1");
      }
    }
    return connection;
  }

  /** Reads {@code user_version} without writing a byte; refuses a database from a newer Hangar. */
  private static void refuseNewerSchema(Path file) throws SQLException {
    if (!Files.exists(file)) {
      return;
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(org.sqlite.SQLiteOpenMode.READONLY);
    int version;
    try (Connection connection = config.createConnection("jdbc:sqlite:file:" + file + "?immutable=1");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
      version = rows.next() ? rows.getInt(1) : 0;
    }
    if (version > SCHEMA_VERSION) {
      throw new IllegalStateException("The database " + file + " was written by a newer Hangar (schema version " + version
          + "; this Hangar knows up to " + SCHEMA_VERSION + "). It is left unchanged: run that Hangar, or another --data-dir.");
    }
  }

  private static void migrate(Session session) throws SQLException {
    int version;
    try (Statement statement = session.connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
      version = rows.next() ? rows.getInt(1) : 0;
    }
    if (version == SCHEMA_VERSION) {
      return;
    }
    session.execute("BEGIN IMMEDIATE");
    try {
      if (version < 1) {
        for (String sql : CatalogSchema.VERSION_1) {
          session.execute(sql);
        }
      }
      // Version 2 changes no table: a completed multipart object may be kept as its parts (BuildFiles), which a
      // Hangar of version 1 cannot read; the version keeps such a Hangar from opening the folder.
      session.execute("PRAGMA user_version = " + SCHEMA_VERSION);
      session.execute("COMMIT");
    } catch (SQLException e) {
      session.execute("ROLLBACK");
      throw e;
    }
  }
}
