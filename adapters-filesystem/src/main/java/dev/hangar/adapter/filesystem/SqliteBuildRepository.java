package dev.hangar.adapter.filesystem;

import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.CatalogScan;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.build.FreeText;
import dev.hangar.domain.build.OperatingSystem;
import dev.hangar.domain.build.Region;
import dev.hangar.domain.build.ServerSdkVersion;
import dev.hangar.domain.build.Tag;
import dev.hangar.domain.build.Tags;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.ObjectVersion;
import dev.hangar.domain.storage.RoleArn;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The build catalog in {@link CatalogDatabase}: a row per build in {@code builds}, its tags in order in the
 * row's {@code tags} column ({@link TagText}). Every change is one savepoint of the writer's transaction and is
 * durable when the method returns; an {@link #update}'s change runs on the writer thread against the build as
 * the transaction sees it, so no concurrent change is lost.
 *
 * <p>Reads are answered from an index in memory of every committed build, loaded when the repository opens and
 * changed by the writer thread after each commit, before the write returns: a read never touches the database,
 * never blocks, and sees every acknowledged write. The price is the catalog in heap (about 1 KB a build), as on
 * the memory backend. Listing walks the index like the in-memory repository: every build present throughout a
 * walk is seen exactly once.
 */
public final class SqliteBuildRepository implements BuildRepository, CatalogScan {
  private static final String COLUMNS = "account, id, region, name, version, operating_system, server_sdk_version, status,"
      + " size_on_disk, creation_time, location_bucket, location_key, location_role, location_version, files_size, files_etag,"
      + " files_version, files_modified, tags";
  private static final String INSERT = "INSERT INTO builds (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String REPLACE = "INSERT OR REPLACE INTO builds (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String FIND = "SELECT " + COLUMNS + " FROM builds WHERE account = ? AND id = ?";
  private static final String DELETE = "DELETE FROM builds WHERE account = ? AND id = ?";
  private static final String SCAN = "SELECT " + COLUMNS + " FROM builds WHERE account > ? OR (account = ? AND id > ?) ORDER BY account, id LIMIT ?";
  private static final int SCAN_PAGE = 500;

  private final CatalogDatabase database;
  private final ConcurrentSkipListMap<Key, Build> index = new ConcurrentSkipListMap<>();

  private record Key(String account, String buildId) implements Comparable<Key> {
    static Key of(AccountId owner, BuildId id) {
      return new Key(owner.value(), id.value());
    }

    @Override
    public int compareTo(Key other) {
      int byAccount = account.compareTo(other.account);
      return byAccount != 0 ? byAccount : buildId.compareTo(other.buildId);
    }
  }

  /** Opens the catalog and loads its index, a page of rows at a time. */
  public SqliteBuildRepository(CatalogDatabase database) {
    this.database = database;
    String account = "";
    String id = "";
    while (true) {
      String fromAccount = account;
      String fromId = id;
      List<Build> page = database.read(session -> {
        PreparedStatement query = session.prepare(SCAN);
        query.setString(1, fromAccount);
        query.setString(2, fromAccount);
        query.setString(3, fromId);
        query.setInt(4, SCAN_PAGE);
        return readAll(session, query);
      });
      page.forEach(build -> index.put(Key.of(build.owner(), build.id()), build));
      if (page.size() < SCAN_PAGE) {
        return;
      }
      Build last = page.get(page.size() - 1);
      account = last.owner().value();
      id = last.id().value();
    }
  }

  @Override
  public void add(Build build) {
    database.write(session -> {
      PreparedStatement insert = session.prepare(INSERT);
      bind(insert, build);
      try {
        insert.executeUpdate();
      } catch (SQLException e) {
        if ((e.getErrorCode() & 0xff) == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
          throw new IllegalStateException("build id used twice: " + build.id(), e);
        }
        throw e;
      }
      return build;
    }, added -> index.put(Key.of(added.owner(), added.id()), added));
  }

  @Override
  public Optional<Build> find(AccountId owner, BuildId id) {
    return Optional.ofNullable(index.get(Key.of(owner, id)));
  }

  @Override
  public Optional<Build> update(AccountId owner, BuildId id, UnaryOperator<Build> change) {
    return database.write(session -> {
      Optional<Build> current = find(session, owner, id);
      if (current.isEmpty()) {
        return Optional.<Build>empty();
      }
      Build next = change.apply(current.get());
      if (!next.equals(current.get())) {
        PreparedStatement replace = session.prepare(REPLACE);
        bind(replace, next);
        replace.executeUpdate();
      }
      return Optional.of(next);
    }, changed -> changed.ifPresent(build -> index.put(Key.of(build.owner(), build.id()), build)));
  }

  @Override
  public Optional<Build> remove(AccountId owner, BuildId id) {
    return database.write(session -> {
      Optional<Build> current = find(session, owner, id);
      if (current.isPresent()) {
        PreparedStatement delete = session.prepare(DELETE);
        delete.setString(1, owner.value());
        delete.setString(2, id.value());
        delete.executeUpdate();
      }
      return current;
    }, removed -> removed.ifPresent(build -> index.remove(Key.of(build.owner(), build.id()))));
  }

  @Override
  public Page list(AccountId owner, Optional<BuildStatus> status, Optional<BuildId> after, int limit) {
    Key start = after.map(id -> Key.of(owner, id)).orElse(new Key(owner.value(), ""));
    return Page.collect(index.tailMap(start, false).values().iterator(), owner, status, limit);
  }

  /** Every build, from the index: each one present throughout the walk exactly once. */
  @Override
  public void forEachBuild(Consumer<Build> action) {
    index.values().forEach(action);
  }

  private static Optional<Build> find(CatalogDatabase.Session session, AccountId owner, BuildId id) throws SQLException {
    PreparedStatement query = session.prepare(FIND);
    query.setString(1, owner.value());
    query.setString(2, id.value());
    List<Build> found = readAll(session, query);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static List<Build> readAll(CatalogDatabase.Session session, PreparedStatement query) throws SQLException {
    List<Build> builds = new ArrayList<>();
    try (ResultSet result = query.executeQuery()) {
      while (result.next()) {
        builds.add(toBuild(result));
      }
    }
    return builds;
  }

  private static void bind(PreparedStatement statement, Build build) throws SQLException {
    statement.setString(1, build.owner().value());
    statement.setString(2, build.id().value());
    statement.setString(3, build.region().value());
    setNullable(statement, 4, build.name().map(FreeText::value));
    setNullable(statement, 5, build.version().map(FreeText::value));
    statement.setString(6, build.operatingSystem().name());
    statement.setString(7, build.serverSdkVersion().value());
    statement.setString(8, build.status().name());
    statement.setLong(9, build.sizeOnDisk());
    statement.setString(10, build.creationTime().toString());
    StorageLocation location = build.storageLocation();
    statement.setString(11, location.bucket().value());
    statement.setString(12, location.key().value());
    setNullable(statement, 13, location.roleArn().map(RoleArn::value));
    setNullable(statement, 14, location.objectVersion().map(ObjectVersion::value));
    Optional<StoredObject> files = build.files();
    if (files.isPresent()) {
      statement.setLong(15, files.get().size());
      statement.setString(16, files.get().etag());
      statement.setString(17, files.get().versionId());
      statement.setString(18, files.get().lastModified().toString());
    } else {
      for (int column = 15; column <= 18; column++) {
        statement.setNull(column, Types.VARCHAR);
      }
    }
    statement.setString(19, TagText.write(build.tags()));
  }

  private static void setNullable(PreparedStatement statement, int column, Optional<String> value) throws SQLException {
    if (value.isPresent()) {
      statement.setString(column, value.get());
    } else {
      statement.setNull(column, Types.VARCHAR);
    }
  }

  private static Build toBuild(ResultSet r) throws SQLException {
    String role = r.getString(13);
    BucketName bucket = new BucketName(r.getString(11));
    ObjectKey key = new ObjectKey(r.getString(12));
    StorageLocation location = role == null
        ? StorageLocation.serviceOwned(bucket, key)
        : StorageLocation.callerOwned(bucket, key, new RoleArn(role), Optional.ofNullable(r.getString(14)).map(ObjectVersion::new));
    long filesSize = r.getLong(15);
    String filesEtag = r.getString(16);
    Optional<StoredObject> files = filesEtag == null
        ? Optional.empty()
        : Optional.of(new StoredObject(filesSize, filesEtag, r.getString(17), Instant.parse(r.getString(18))));
    return Build.restore(new BuildId(r.getString(2)), new AccountId(r.getString(1)), new Region(r.getString(3)),
        Optional.ofNullable(r.getString(4)).map(FreeText::new), Optional.ofNullable(r.getString(5)).map(FreeText::new),
        OperatingSystem.valueOf(r.getString(6)), new ServerSdkVersion(r.getString(7)), BuildStatus.valueOf(r.getString(8)),
        r.getLong(9), Instant.parse(r.getString(10)), location, TagText.read(r.getString(19)), files);
  }
}
