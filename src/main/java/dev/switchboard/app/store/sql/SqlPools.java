package dev.switchboard.app.store.sql;

import io.vertx.core.net.NetClientOptions;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/** Pool settings shared by both dialects. */
final class SqlPools {
  private SqlPools() {}

  /** Connect within 5 s, so an unreachable database fails lookups quickly instead of hanging them. */
  static NetClientOptions tcp() {
    return new NetClientOptions().setConnectTimeout(5_000).setTcpKeepAlive(true);
  }

  static PoolOptions options(SqlStoreConfig c) {
    return new PoolOptions()
        .setMaxSize(c.poolMax())
        // lookups waiting for a connection are bounded, so a slow database cannot pile up work
        .setMaxWaitQueueSize(1_000)
        .setConnectionTimeout(5)
        .setConnectionTimeoutUnit(TimeUnit.SECONDS)
        .setName("switchboard-apps-" + c.dialect())
        .setShared(false);
  }
}
