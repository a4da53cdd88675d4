package dev.hangar.adapter.filesystem;

import dev.hangar.application.port.out.ListingTokenKeys;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The NextToken key kept in the node's database ({@code settings}, name {@code listing-token-key}): drawn
 * by the first start and kept, so a NextToken issued before a restart pages on after it.
 */
public final class SqliteListingTokenKeys implements ListingTokenKeys {
  private static final String NAME = "listing-token-key";
  private final CatalogDatabase database;
  private volatile byte[] key;

  public SqliteListingTokenKeys(CatalogDatabase database) {
    this.database = database;
  }

  @Override
  public byte[] key() {
    byte[] known = key;
    if (known == null) {
      known = database.write(session -> {
        PreparedStatement read = session.prepare("SELECT value FROM settings WHERE name = ?");
        read.setString(1, NAME);
        try (ResultSet row = read.executeQuery()) {
          if (row.next()) {
            return row.getBytes(1);
          }
        }
        byte[] drawn = new byte[32];
        new SecureRandom().nextBytes(drawn);
        PreparedStatement insert = session.prepare("INSERT INTO settings (name, value) VALUES (?, ?)");
        insert.setString(1, NAME);
        insert.setBytes(2, drawn);
        insert.executeUpdate();
        return drawn;
      });
      key = known;
    }
    return known.clone();
  }
}
