package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.app.store.cassandra.CassandraStoreConfig;
import dev.switchboard.app.store.dynamodb.DynamoDbStoreConfig;
import dev.switchboard.app.store.sql.SqlStoreConfig;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ServerConfig;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Store settings from the peers' environment names, their defaults, and one-line errors naming the key. */
class AppStoreConfigTest {
  private static ServerConfig load(Map<String, String> env) {
    return ConfigLoader.load(null, env);
  }

  @Test
  void soketiVariablesConfigureTheMysqlStore() {
    SqlStoreConfig c = SqlStoreConfig.from(load(Map.of("SOKETI_DB_MYSQL_HOST", "db.internal",
        "SOKETI_DB_MYSQL_PORT", "3307", "SOKETI_DB_MYSQL_USERNAME", "soketi", "SOKETI_DB_MYSQL_PASSWORD", "pw",
        "SOKETI_DB_MYSQL_DATABASE", "main", "SOKETI_APP_MANAGER_MYSQL_TABLE", "apps")).tree(), "mysql");
    assertEquals(new SqlStoreConfig("mysql", "db.internal", 3307, "soketi", "pw", "main", "apps", 2, 10), c);
    assertTrue(!c.toString().contains("pw"), "the password is never printed");
  }

  @Test
  void theDefaultTableIsSoketisAppsWhenTheConfigIsSoketisAndApplicationsOtherwise() {
    assertEquals("apps", SqlStoreConfig.from(load(Map.of("SOKETI_APP_MANAGER_DRIVER", "mysql")).tree(), "mysql")
        .table());
    assertEquals("apps", SqlStoreConfig.from(load(Map.of("SOKETI_DB_POSTGRES_HOST", "pg")).tree(), "postgres")
        .table());
    assertEquals("applications", SqlStoreConfig.from(load(Map.of("APP_MANAGER_DRIVER", "mysql")).tree(), "mysql")
        .table());
    assertEquals("soketi_apps", SqlStoreConfig.from(load(Map.of("SOKETI_APP_MANAGER_DRIVER", "mysql",
        "SOKETI_APP_MANAGER_MYSQL_TABLE", "soketi_apps")).tree(), "mysql").table(), "a named table wins");
  }

  @Test
  void sockudoVariablesConfigurePostgresAndItsPool() {
    SqlStoreConfig c = SqlStoreConfig.from(load(Map.of("DATABASE_POSTGRES_HOST", "pg", "DATABASE_POSTGRES_TABLE_NAME",
        "applications", "DATABASE_POOL_MIN", "1", "DATABASE_POOL_MAX", "6")).tree(), "postgres");
    assertEquals(5432, c.port());
    assertEquals("postgres", c.username());
    assertEquals(1, c.poolMin());
    assertEquals(6, c.poolMax());
  }

  @Test
  void withPoolingDisabledThePoolHasConnectionPoolSizeConnectionsOpenedOnDemand() {
    SqlStoreConfig c = SqlStoreConfig.from(load(Map.of("DATABASE_POOLING_ENABLED", "false",
        "DATABASE_CONNECTION_POOL_SIZE", "3")).tree(), "mysql");
    assertEquals(0, c.poolMin());
    assertEquals(3, c.poolMax());
  }

  @Test
  void dynamodbDefaultsFollowSoketiAndSockudoLayouts() {
    DynamoDbStoreConfig soketi = DynamoDbStoreConfig.from(load(Map.of()).tree());
    assertEquals("apps", soketi.table());
    assertEquals("us-east-1", soketi.region());
    DynamoDbStoreConfig sockudo = DynamoDbStoreConfig.from(load(Map.of("DATABASE_DYNAMODB_LAYOUT", "sockudo",
        "DATABASE_DYNAMODB_ENDPOINT_URL", "http://127.0.0.1:8000")).tree());
    assertEquals("sockudo-applications", sockudo.table());
    assertEquals("http://127.0.0.1:8000", sockudo.endpoint());
  }

  @Test
  void scylladbNodesAreReadFromACommaSeparatedList() {
    CassandraStoreConfig c = CassandraStoreConfig.from(load(Map.of("SCYLLADB_NODES", "10.0.0.1:9043, db2")).tree());
    assertEquals(2, c.nodes().size());
    assertEquals(9043, c.nodes().get(0).getPort());
    assertEquals(9042, c.nodes().get(1).getPort());
    assertEquals("sockudo", c.keyspace());
    assertEquals(3, c.replicationFactor());
  }

  @Test
  void aDriverThatCannotBeBuiltStopsStartUpWithOneLineNamingTheKey() {
    Vertx vertx = Vertx.vertx();
    try {
      assertKey(vertx, Map.of("APP_MANAGER_DRIVER", "mysql", "DATABASE_MYSQL_PORT", "abc"), "database.mysql.port");
      assertKey(vertx, Map.of("APP_MANAGER_DRIVER", "postgres", "DATABASE_POSTGRES_TABLE_NAME", "apps; drop"),
          "database.postgres.table_name");
      assertKey(vertx, Map.of("APP_MANAGER_DRIVER", "dynamodb", "DATABASE_DYNAMODB_LAYOUT", "other"),
          "database.dynamodb.layout");
      assertKey(vertx, Map.of("APP_MANAGER_DRIVER", "scylladb", "SCYLLADB_NODES", "host:port"),
          "app_manager.scylladb.nodes");
      assertKey(vertx, Map.of("APP_MANAGER_DRIVER", "mysql", "DATABASE_POOL_MIN", "20"),
          "database.mysql.pool_min");
    } finally {
      vertx.close();
    }
  }

  private static void assertKey(Vertx vertx, Map<String, String> env, String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> AppStores.create(vertx, load(env)));
    assertTrue(e.getMessage().startsWith("invalid config " + key + "="), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line");
  }
}
