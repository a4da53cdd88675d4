package dev.hangar.adapter.filesystem;

import java.util.List;

/** The tables of {@link CatalogDatabase}, by schema version ({@code PRAGMA user_version}). */
final class CatalogSchema {
  /**
   * Version 1: builds (one row each, with the object their files were judged from and their tags in order), the
   * multipart uploads and their parts (the part files are in the storage folder), and the node's settings.
   */
  static final List<String> VERSION_1 = List.of(
      "CREATE TABLE builds (account TEXT NOT NULL, id TEXT NOT NULL, region TEXT NOT NULL, name TEXT, version TEXT,"
          + " operating_system TEXT NOT NULL, server_sdk_version TEXT NOT NULL, status TEXT NOT NULL,"
          + " size_on_disk INTEGER NOT NULL, creation_time TEXT NOT NULL, location_bucket TEXT NOT NULL,"
          + " location_key TEXT NOT NULL, location_role TEXT, location_version TEXT, files_size INTEGER, files_etag TEXT,"
          + " files_version TEXT, files_modified TEXT, tags TEXT NOT NULL, PRIMARY KEY (account, id)) WITHOUT ROWID",
      "CREATE TABLE uploads (upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL, object_key TEXT NOT NULL,"
          + " expires_at TEXT NOT NULL) WITHOUT ROWID",
      "CREATE TABLE parts (upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, file TEXT NOT NULL,"
          + " size INTEGER NOT NULL, md5 TEXT NOT NULL, last_modified TEXT NOT NULL,"
          + " PRIMARY KEY (upload_id, part_number)) WITHOUT ROWID",
      "CREATE TABLE settings (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID");

  // Version 2: the same tables; an object in objects/ may be kept as the parts it was uploaded in (BuildFiles).

  private CatalogSchema() {
  }
}
