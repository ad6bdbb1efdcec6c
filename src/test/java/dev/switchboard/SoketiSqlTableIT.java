package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.switchboard.app.store.sql.SqlAppStore;
import dev.switchboard.app.store.sql.SqlStoreConfig;
import dev.switchboard.config.ServerLimits;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.SoketiTables;
import dev.switchboard.testing.SqlFixture;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * soketi moved over on MySQL or PostgreSQL with its variables unchanged and no table variable (soketi's
 * default table is {@code apps}): its {@code apps} table is served. A store about to create its table beside a
 * soketi or Sockudo table says so in one WARN. Each test works in a database of its own, since what matters is
 * what else sits in the database.
 */
class SoketiSqlTableIT {
  private static final String CONFIG = "{\"host\":\"127.0.0.1\",\"port\":0,\"event_loops\":1}";
  private static final String DB = "sb_soketi_tables";
  private static final String SQL_LOGS = "dev.switchboard.app.store.sql";

  @Test
  void soketiVariablesOnMariaDbWithNoTableVariableServeSoketisAppsTable() throws Exception {
    try (SqlFixture db = SqlFixture.ownDatabase(false, DB)) {
      db.exec("DROP TABLE IF EXISTS applications");
      SoketiTables.createMysql(db, "apps");
      SoketiTables.insertMysql(db, "apps", "soketi-id", "soketi-key", "soketi-secret", 10);
      assertServedWithoutCreatingATable(Map.of("SOKETI_APP_MANAGER_DRIVER", "mysql",
          "SOKETI_DB_MYSQL_HOST", "127.0.0.1", "SOKETI_DB_MYSQL_PORT", Integer.toString(SqlFixture.MYSQL_PORT),
          "SOKETI_DB_MYSQL_USERNAME", "root", "SOKETI_DB_MYSQL_PASSWORD", "", "SOKETI_DB_MYSQL_DATABASE", DB));
    }
  }

  @Test
  void soketiVariablesOnPostgresWithNoTableVariableServeSoketisAppsTable() throws Exception {
    try (SqlFixture db = SqlFixture.ownDatabase(true, DB)) {
      db.exec("DROP TABLE IF EXISTS applications");
      SoketiTables.createPostgres(db, "apps");
      SoketiTables.insertPostgres(db, "apps", "soketi-id", "soketi-key", "soketi-secret", 10);
      assertServedWithoutCreatingATable(Map.of("SOKETI_APP_MANAGER_DRIVER", "postgres",
          "SOKETI_DB_POSTGRES_HOST", "127.0.0.1", "SOKETI_DB_POSTGRES_PORT", Integer.toString(SqlFixture.POSTGRES_PORT),
          "SOKETI_DB_POSTGRES_USERNAME", "postgres", "SOKETI_DB_POSTGRES_DATABASE", DB));
    }
  }

  @Test
  void aStoreAboutToCreateItsTableBesideSoketisAppsTableWarnsOnceNamingBothAndTheKey() throws Exception {
    try (SqlFixture db = SqlFixture.ownDatabase(false, DB)) {
      db.exec("DROP TABLE IF EXISTS applications");
      SoketiTables.createMysql(db, "apps");
      List<String> warnings = warningsWhileCreating(new SqlStoreConfig("mysql", "127.0.0.1", SqlFixture.MYSQL_PORT,
          "root", "", DB, "applications", 1, 2));
      assertEquals(List.of("WARN dev.switchboard.app.store.sql.PeerTables: creating app table applications while"
          + " soketi's app table apps exists in the same database: to serve its apps set"
          + " database.mysql.table_name=apps (SOKETI_APP_MANAGER_MYSQL_TABLE); the new table starts empty"), warnings);
    }
  }

  @Test
  void aStoreAboutToCreateSoketisTableBesideAnApplicationsTableWarnsToo() throws Exception {
    try (SqlFixture db = SqlFixture.ownDatabase(true, DB)) {
      db.exec("DROP TABLE IF EXISTS apps");
      db.exec("DROP TABLE IF EXISTS applications");
      db.exec("CREATE TABLE applications (id varchar(255) PRIMARY KEY, key varchar(255), secret varchar(255))");
      List<String> warnings = warningsWhileCreating(new SqlStoreConfig("postgres", "127.0.0.1",
          SqlFixture.POSTGRES_PORT, "postgres", "", DB, "apps", 1, 2));
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("creating app table apps while the app table applications (Sockudo's, and"
          + " Switchboard's default) exists in the same database: to serve its apps set"
          + " database.postgres.table_name=applications (DATABASE_POSTGRES_TABLE_NAME)"), warnings.get(0));
    }
  }

  /** The store's WARN lines from its start, which creates {@code c}'s table. */
  private static List<String> warningsWhileCreating(SqlStoreConfig c) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (LogCapture logs = new LogCapture()) {
      SqlAppStore store = new SqlAppStore(vertx, c, ServerLimits.DEFAULTS);
      try {
        assertTrue(store.findById("nope").await(20, TimeUnit.SECONDS).isEmpty());
        assertEquals(List.of("INFO dev.switchboard.app.store.sql.SqlTable: creating app table " + c.table()),
            logs.lines(Level.INFO, SQL_LOGS), "the table is still created");
        return logs.lines(Level.WARN, SQL_LOGS);
      } finally {
        store.close().await(10, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** soketi's stored app connects and no new table was created beside it. */
  private static void assertServedWithoutCreatingATable(Map<String, String> env) throws Exception {
    try (LogCapture logs = new LogCapture();
        TestServer server = TestServer.start(CONFIG, env);
        RawSocket s = RawSocket.pusher(server.port(), "soketi-key")) {
      assertTrue(s.socketId().contains("."), "soketi's app answers with connection_established");
      assertEquals(List.of(), logs.lines(Level.INFO, SQL_LOGS).stream().filter(l -> l.contains("creating")).toList());
      assertEquals(List.of(), logs.lines(Level.WARN, SQL_LOGS));
    }
  }
}
