package dev.switchboard;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.switchboard.testing.ForkedCassandra;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A Sockudo ScyllaDB deployment: its {@code applications} table (its exact columns), rows inserted with CQL,
 * served through the {@code scylladb} driver (Cassandra 5 here) configured by environment variables.
 */
class CassandraStoreServerIT extends StoreServerScenario {
  private static CqlSession cql;

  @BeforeAll
  static void sockudoTable() {
    int port = ForkedCassandra.get().port();
    cql = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", port))
        .withLocalDatacenter("datacenter1").build();
    run("CREATE KEYSPACE IF NOT EXISTS sockudo_it WITH replication = "
        + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    run("""
        CREATE TABLE IF NOT EXISTS sockudo_it.applications (
            id text PRIMARY KEY, key text, secret text, max_connections int, enable_client_messages boolean,
            enabled boolean, max_backend_events_per_second int, max_client_events_per_second int,
            max_read_requests_per_second int, max_presence_members_per_channel int,
            max_presence_member_size_in_kb int, max_channel_name_length int, max_event_channels_at_once int,
            max_event_name_length int, max_event_payload_in_kb int, max_event_batch_size int,
            enable_user_authentication boolean, enable_watchlist_events boolean, webhooks text,
            allowed_origins text, created_at timestamp, updated_at timestamp)""");
    run("CREATE INDEX IF NOT EXISTS ON sockudo_it.applications (key)");
  }

  private static void run(String statement, Object... values) {
    cql.execute(SimpleStatement.newInstance(statement, values).setTimeout(Duration.ofSeconds(30)));
  }

  @AfterAll
  static void close() {
    cql.close();
  }

  @Override
  protected Map<String, String> storeEnv(int proxyPort) {
    return Map.of("APP_MANAGER_DRIVER", "scylladb", "SCYLLADB_NODES", "127.0.0.1:" + proxyPort,
        "SCYLLADB_KEYSPACE", "sockudo_it", "SCYLLADB_REPLICATION_FACTOR", "1");
  }

  @Override
  protected int databasePort() {
    return ForkedCassandra.get().port();
  }

  @Override
  protected void insertApp(String id, String key, String secret, int maxConnections) {
    run("INSERT INTO sockudo_it.applications (id, key, secret, max_connections, enable_client_messages, enabled,"
        + " max_client_events_per_second, webhooks, created_at, updated_at)"
        + " VALUES (?, ?, ?, ?, true, true, 100, '[]', toTimestamp(now()), toTimestamp(now()))",
        id, key, secret, maxConnections);
  }
}
