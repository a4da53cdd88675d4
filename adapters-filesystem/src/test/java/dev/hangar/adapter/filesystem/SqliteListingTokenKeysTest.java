package dev.hangar.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.port.out.ListingTokenKeys;
import dev.hangar.application.port.out.ListingTokenKeysContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteListingTokenKeysTest extends ListingTokenKeysContractTest {
  @TempDir
  Path root;

  private final List<CatalogDatabase> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(CatalogDatabase::close);
  }

  private CatalogDatabase open(Path folder) {
    CatalogDatabase database = new CatalogDatabase(folder);
    opened.add(database);
    return database;
  }

  @Override
  protected ListingTokenKeys keys() {
    try {
      return new SqliteListingTokenKeys(open(Files.createTempDirectory(root, "db")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected ListingTokenKeys sharing(ListingTokenKeys keys) {
    return new SqliteListingTokenKeys(opened.get(opened.size() - 1));
  }

  @Test
  void key_afterReopen_sameKey() {
    CatalogDatabase first = open(root);
    byte[] key = new SqliteListingTokenKeys(first).key();
    first.close();
    opened.remove(first);
    assertThat(new SqliteListingTokenKeys(open(root)).key()).isEqualTo(key);
  }
}
