package dev.switchboard;

import dev.switchboard.testing.SoketiTables;
import dev.switchboard.testing.SqlFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * soketi's PostgreSQL {@code apps} layout (booleans as SMALLINT, webhooks as JSON, soketi's short column
 * names), read by a server configured with Sockudo's {@code DATABASE_POSTGRES_*} variables.
 */
class PostgresStoreServerIT extends StoreServerScenario {
  private static SqlFixture db;

  @BeforeAll
  static void soketiTable() {
    db = SqlFixture.postgres();
    SoketiTables.createPostgres(db, "soketi_apps");
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Override
  protected Map<String, String> storeEnv(int proxyPort) {
    return Map.of("APP_MANAGER_DRIVER", "postgres", "DATABASE_POSTGRES_HOST", "127.0.0.1",
        "DATABASE_POSTGRES_PORT", Integer.toString(proxyPort), "DATABASE_POSTGRES_USERNAME", "postgres",
        "DATABASE_POSTGRES_DATABASE", "test", "DATABASE_POSTGRES_TABLE_NAME", "soketi_apps",
        "DATABASE_POOL_MIN", "1", "DATABASE_POOL_MAX", "4");
  }

  @Override
  protected int databasePort() {
    return SqlFixture.POSTGRES_PORT;
  }

  @Override
  protected void insertApp(String id, String key, String secret, int maxConnections) {
    SoketiTables.insertPostgres(db, "soketi_apps", id, key, secret, maxConnections);
  }
}
