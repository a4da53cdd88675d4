package dev.hangar.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.port.out.DependencyFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogDatabaseTest {
  @TempDir
  Path folder;

  private CatalogDatabase database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  private static String pragma(CatalogDatabase database, String name) {
    return database.read(session -> {
      try (ResultSet row = session.prepare("PRAGMA " + name).executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    });
  }

  private static int count(CatalogDatabase database, String sql) {
    return database.read(session -> {
      try (ResultSet row = session.prepare(sql).executeQuery()) {
        return row.next() ? row.getInt(1) : -1;
      }
    });
  }

  @Test
  void open_liveDatabase_walAndFullSyncAndCurrentSchema() {
    database = new CatalogDatabase(folder);
    assertThat(pragma(database, "journal_mode")).isEqualTo("wal");
    int writerSynchronous = database.write(session -> {
      try (ResultSet row = session.prepare("PRAGMA synchronous").executeQuery()) {
        return row.next() ? row.getInt(1) : -1;
      }
    });
    assertThat(writerSynchronous).as("synchronous on the writer: 2 is FULL").isEqualTo(2);
    assertThat(pragma(database, "synchronous")).isEqualTo("2");
    assertThat(pragma(database, "user_version")).isEqualTo(Integer.toString(CatalogDatabase.SCHEMA_VERSION));
  }

  @Test
  void open_newerSchema_refusedWithAClearMessageAndFileUnchanged() throws Exception {
    Path file = folder.resolve(CatalogDatabase.FILE_NAME);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE from_the_future (x)");
      statement.execute("PRAGMA user_version = " + (CatalogDatabase.SCHEMA_VERSION + 1));
    }
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> new CatalogDatabase(folder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("newer Hangar")
        .hasMessageContaining("schema version " + (CatalogDatabase.SCHEMA_VERSION + 1));
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(Files.exists(folder.resolve(CatalogDatabase.FILE_NAME + "-wal"))).isFalse();
  }

  @Test
  void write_workThrows_itsOwnFailureAndNothingKept() {
    database = new CatalogDatabase(folder);
    assertThatThrownBy(() -> database.write(session -> {
      session.prepare("INSERT INTO settings (name, value) VALUES ('x', X'01')").executeUpdate();
      throw new IllegalArgumentException("the change refused");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("the change refused");
    assertThat(count(database, "SELECT count(*) FROM settings WHERE name = 'x'")).isZero();
  }

  @Test
  void write_badSql_dependencyFailure() {
    database = new CatalogDatabase(folder);
    assertThatThrownBy(() -> database.write(session -> session.prepare("INSERT INTO no_such_table VALUES (1)").executeUpdate()))
        .isInstanceOf(DependencyFailureException.class);
  }

  @Test
  void write_manyConcurrentWriters_everyWriteCommittedInFewerTransactions() throws Exception {
    database = new CatalogDatabase(folder);
    int writers = 16;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          String name = writer + "-" + i;
          database.write(session -> {
            var insert = session.prepare("INSERT INTO settings (name, value) VALUES (?, X'00')");
            insert.setString(1, name);
            return insert.executeUpdate();
          });
        }
      }));
    }
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(count(database, "SELECT count(*) FROM settings")).isEqualTo(writers * each);
    assertThat(database.commits()).as("writes that waited shared a commit").isLessThan(writers * each);
  }

  @Test
  void write_afterClose_dependencyFailure() {
    database = new CatalogDatabase(folder);
    database.close();
    assertThatThrownBy(() -> database.write(session -> 1)).isInstanceOf(DependencyFailureException.class);
  }
}
