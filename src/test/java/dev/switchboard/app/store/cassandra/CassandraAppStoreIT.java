package dev.switchboard.app.store.cassandra;

import dev.switchboard.app.AppAdmin;
import dev.switchboard.app.AppStore;
import dev.switchboard.app.AppStoreContract;
import dev.switchboard.config.ServerLimits;
import dev.switchboard.testing.ForkedCassandra;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The scylladb driver keeps the contract on a forked Cassandra 5, creating keyspace, table and index itself,
 * with the default replication factor 3 on this one node: create and delete must work without the SERIAL
 * quorum that their lightweight transactions would need.
 */
class CassandraAppStoreIT extends AppStoreContract {
  private static Vertx vertx;
  private static CassandraAppStore store;

  @BeforeAll
  static void open() {
    int port = ForkedCassandra.get().port();
    vertx = Vertx.vertx();
    store = new CassandraAppStore(vertx, new CassandraStoreConfig(
        List.of(InetSocketAddress.createUnresolved("127.0.0.1", port)), "datacenter1", "contract", "applications",
        "", "", "SimpleStrategy", 3), ServerLimits.DEFAULTS);
  }

  @AfterAll
  static void close() {
    store.close();
    vertx.close();
  }

  @Override
  protected AppStore store() {
    return store;
  }

  @Override
  protected AppAdmin admin() {
    return store;
  }

  @Override
  protected boolean storesFractionalSizes() {
    return false;
  }
}
