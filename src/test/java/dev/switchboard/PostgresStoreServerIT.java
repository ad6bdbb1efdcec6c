package dev.switchboard;

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
    db.exec("DROP TABLE IF EXISTS soketi_apps");
    db.exec("""
        CREATE TABLE IF NOT EXISTS soketi_apps (
            id varchar(255) PRIMARY KEY,
            key varchar(255) NOT NULL,
            secret varchar(255) NOT NULL,
            max_connections integer NOT NULL,
            enable_client_messages smallint NOT NULL,
            enabled smallint NOT NULL,
            max_backend_events_per_sec integer NOT NULL,
            max_client_events_per_sec integer NOT NULL,
            max_read_req_per_sec integer NOT NULL,
            webhooks json,
            max_presence_members_per_channel integer DEFAULT NULL,
            max_presence_member_size_in_kb integer DEFAULT NULL,
            max_channel_name_length integer DEFAULT NULL,
            max_event_channels_at_once integer DEFAULT NULL,
            max_event_name_length integer DEFAULT NULL,
            max_event_payload_in_kb integer DEFAULT NULL,
            max_event_batch_size integer DEFAULT NULL,
            enable_user_authentication smallint NOT NULL
        )""");
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
    db.exec("INSERT INTO soketi_apps (id, key, secret, max_connections, enable_client_messages, enabled,"
        + " max_backend_events_per_sec, max_client_events_per_sec, max_read_req_per_sec, webhooks,"
        + " max_event_batch_size, enable_user_authentication) VALUES ($1, $2, $3, $4, 1, 1, -1, -1, -1, '[]', 5, 0)",
        id, key, secret, maxConnections);
  }
}
