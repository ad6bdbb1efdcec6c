package dev.switchboard.app.store.sql;

import dev.switchboard.app.AppField;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a store creates its table: soketi's {@code apps} or Sockudo's {@code applications} table already in
 * the same database most likely holds the apps the deployment means (its table variable was left out while
 * moving over), and a new empty table would answer every app key with 4001. One WARN names both tables and
 * the key to set; the table is still created, as configured.
 */
final class PeerTables {
  private static final Logger LOG = LoggerFactory.getLogger(PeerTables.class);
  /** Each peer's default table name → how the WARN names it. */
  private static final Map<String, String> PEERS = Map.of("apps", "soketi's app table apps",
      "applications", "the app table applications (Sockudo's, and Switchboard's default)");

  private PeerTables() {}

  /** Logs the WARN for each peer table found beside {@code table}; never fails (a failed look is skipped). */
  static Future<Void> warnIfPresent(Pool pool, SqlDialect dialect, String driver, String table) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, String> peer : new java.util.TreeMap<>(PEERS).entrySet()) {
      if (peer.getKey().equalsIgnoreCase(table)) {
        continue;
      }
      chain = chain.compose(v -> isAppTable(pool, dialect, peer.getKey()).map(found -> {
        if (found) {
          LOG.warn("creating app table {} while {} exists in the same database: to serve its apps set"
              + " database.{}.table_name={} ({}); the new table starts empty", table, peer.getValue(), driver,
              peer.getKey(), envName(peer.getKey(), driver));
        }
        return (Void) null;
      }).otherwiseEmpty());
    }
    return chain;
  }

  /** True when {@code name} is a table with key and secret columns (an app table, not any table so named). */
  private static Future<Boolean> isAppTable(Pool pool, SqlDialect dialect, String name) {
    return pool.preparedQuery(dialect.columnsQuery()).execute(Tuple.of(name)).map(rows -> {
      java.util.Set<AppField> fields = java.util.EnumSet.noneOf(AppField.class);
      for (Row r : rows) {
        AppField.of(r.getString(0)).ifPresent(fields::add);
      }
      return fields.contains(AppField.KEY) && fields.contains(AppField.SECRET);
    });
  }

  /** The variable the peer's own deployment would set (soketi's, or Sockudo's) for the table name. */
  private static String envName(String peerTable, String driver) {
    String up = driver.toUpperCase(Locale.ROOT);
    return peerTable.equals("apps") ? "SOKETI_APP_MANAGER_" + up + "_TABLE" : "DATABASE_" + up + "_TABLE_NAME";
  }
}
