package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testing.SoketiTables;
import dev.switchboard.testing.SqlFixture;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A database user that may only SELECT from soketi's {@code apps} table: the columns Switchboard would add
 * (allowed_origins, enable_watchlist_events, ...) cannot be added, yet the server serves the stored apps.
 */
class ReadOnlyStoreUserIT {
  private static final String CONFIG = "{\"host\":\"127.0.0.1\",\"port\":0,\"event_loops\":1,"
      + "\"shutdown_grace_period_ms\":200}";

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  @Test
  void aMariaDbUserWithSelectOnlyIsServedFromAnExistingSoketiTable() throws Exception {
    String table = unique("ro_apps_");
    String user = unique("ro_user_");
    try (SqlFixture db = SqlFixture.mysql()) {
      SoketiTables.createMysql(db, table);
      SoketiTables.insertMysql(db, table, "ro-id", "ro-key", "ro-secret", 10);
      db.exec("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'");
      try {
        db.exec("GRANT SELECT ON test." + table + " TO '" + user + "'@'%'");
        assertServed(Map.of("APP_MANAGER_DRIVER", "mysql", "DATABASE_MYSQL_HOST", "127.0.0.1",
            "DATABASE_MYSQL_PORT", Integer.toString(SqlFixture.MYSQL_PORT), "DATABASE_MYSQL_USERNAME", user,
            "DATABASE_MYSQL_PASSWORD", "pw", "DATABASE_MYSQL_DATABASE", "test", "DATABASE_MYSQL_TABLE_NAME", table));
      } finally {
        db.exec("DROP USER '" + user + "'@'%'");
        db.exec("DROP TABLE `" + table + "`");
      }
    }
  }

  @Test
  void aPostgresRoleWithSelectOnlyIsServedFromAnExistingSoketiTable() throws Exception {
    String table = unique("ro_apps_");
    String role = unique("ro_role_");
    try (SqlFixture db = SqlFixture.postgres()) {
      SoketiTables.createPostgres(db, table);
      SoketiTables.insertPostgres(db, table, "ro-id", "ro-key", "ro-secret", 10);
      db.exec("CREATE ROLE " + role + " LOGIN PASSWORD 'pw'");
      try {
        db.exec("GRANT SELECT ON " + table + " TO " + role);
        assertServed(Map.of("APP_MANAGER_DRIVER", "postgres", "DATABASE_POSTGRES_HOST", "127.0.0.1",
            "DATABASE_POSTGRES_PORT", Integer.toString(SqlFixture.POSTGRES_PORT), "DATABASE_POSTGRES_USERNAME", role,
            "DATABASE_POSTGRES_PASSWORD", "pw", "DATABASE_POSTGRES_DATABASE", "test",
            "DATABASE_POSTGRES_TABLE_NAME", table));
      } finally {
        db.exec("DROP TABLE " + table);
        db.exec("DROP ROLE " + role);
      }
    }
  }

  /** The stored app connects; an unknown key is refused as unknown (4001), not as "store unavailable" (4100). */
  private static void assertServed(Map<String, String> env) throws Exception {
    try (TestServer server = TestServer.start(CONFIG, env);
        TestClient stored = TestClient.connect(server.port(), "ro-key", "ro-secret", "u")) {
      stored.subscribe("private-ro");
      TestClient unknown = TestClient.open(server.port(), "no-such-key", "x", "u");
      try {
        unknown.start();
        assertEquals("4001", unknown.errorCode.get(15, TimeUnit.SECONDS));
      } finally {
        unknown.close();
      }
    }
  }
}
