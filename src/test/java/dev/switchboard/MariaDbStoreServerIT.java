package dev.switchboard;

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
    db.exec("DROP TABLE IF EXISTS soketi_apps");
    db.exec("""
        CREATE TABLE IF NOT EXISTS `soketi_apps` (
            `id` varchar(255) NOT NULL,
            `key` varchar(255) NOT NULL,
            `secret` varchar(255) NOT NULL,
            `max_connections` integer(10) NOT NULL,
            `enable_client_messages` tinyint(1) NOT NULL,
            `enabled` tinyint(1) NOT NULL,
            `max_backend_events_per_sec` integer(10) NOT NULL,
            `max_client_events_per_sec` integer(10) NOT NULL,
            `max_read_req_per_sec` integer(10) NOT NULL,
            `webhooks` json,
            `max_presence_members_per_channel` tinyint(1) NULL,
            `max_presence_member_size_in_kb` tinyint(1) NULL,
            `max_channel_name_length` tinyint(1) NULL,
            `max_event_channels_at_once` tinyint(1) NULL,
            `max_event_name_length` tinyint(1) NULL,
            `max_event_payload_in_kb` tinyint(1) NULL,
            `max_event_batch_size` tinyint(1) NULL,
            `enable_user_authentication` tinyint(1) NOT NULL,
            PRIMARY KEY (`id`)
        )""");
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
    db.exec("INSERT INTO soketi_apps (id, `key`, secret, max_connections, enable_client_messages, enabled,"
        + " max_backend_events_per_sec, max_client_events_per_sec, max_read_req_per_sec, webhooks,"
        + " max_event_batch_size, enable_user_authentication) VALUES (?, ?, ?, ?, 1, 1, -1, -1, -1, '[]', 5, 0)",
        id, key, secret, maxConnections);
  }
}
