package dev.switchboard;

import dev.switchboard.testing.SoketiTables;
import dev.switchboard.testing.SqlFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A soketi deployment moved over unchanged: soketi's MySQL {@code apps} table (its exact DDL and column
 * names) on MariaDB, and soketi's environment variables.
 */
class MariaDbStoreServerIT extends StoreServerScenario {
  private static SqlFixture db;

  @BeforeAll
  static void soketiTable() {
    db = SqlFixture.mysql();
    SoketiTables.createMysql(db, "soketi_apps");
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Override
  protected Map<String, String> storeEnv(int proxyPort) {
    return Map.of("SOKETI_APP_MANAGER_DRIVER", "mysql", "SOKETI_DB_MYSQL_HOST", "127.0.0.1",
        "SOKETI_DB_MYSQL_PORT", Integer.toString(proxyPort), "SOKETI_DB_MYSQL_USERNAME", "root",
        "SOKETI_DB_MYSQL_PASSWORD", "", "SOKETI_DB_MYSQL_DATABASE", "test",
        "SOKETI_APP_MANAGER_MYSQL_TABLE", "soketi_apps");
  }

  @Override
  protected int databasePort() {
    return SqlFixture.MYSQL_PORT;
  }

  @Override
  protected void insertApp(String id, String key, String secret, int maxConnections) {
    SoketiTables.insertMysql(db, "soketi_apps", id, key, secret, maxConnections);
  }
}
