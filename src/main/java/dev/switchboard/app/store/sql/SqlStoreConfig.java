package dev.switchboard.app.store.sql;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import java.util.regex.Pattern;

/**
 * Connection and pool settings of one SQL store, read from {@code database.<mysql|postgres>.*} and
 * {@code database_pooling.*}. soketi's spellings ({@code database.mysql.user}, {@code app_manager.mysql.table})
 * are read when ours are absent. The default table is Sockudo's {@code applications}, or soketi's {@code apps}
 * when the configuration is in soketi's form.
 *
 * @param poolMax most connections open at once
 * @param poolMin connections opened at start and kept (0 = open on demand)
 */
public record SqlStoreConfig(String dialect, String host, int port, String username, String password,
    String database, String table, int poolMin, int poolMax) {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  public SqlStoreConfig {
    String p = "database." + dialect;
    if (!IDENTIFIER.matcher(table).matches()) {
      throw ConfigException.invalid(p + ".table_name", table, "a table name of letters, digits and _");
    }
    if (port < 1 || port > 65535) {
      throw ConfigException.invalid(p + ".port", port, "a port number");
    }
    if (poolMax < 1 || poolMax > 1000) {
      throw ConfigException.invalid(p + ".pool_max", poolMax, "a pool size from 1 to 1000");
    }
    if (poolMin < 0 || poolMin > poolMax) {
      throw ConfigException.invalid(p + ".pool_min", poolMin, "from 0 to the pool maximum (" + poolMax + ")");
    }
  }

  /** Reads the settings of {@code dialect} ({@code mysql} or {@code postgres}). */
  public static SqlStoreConfig from(ConfigTree t, String dialect) {
    boolean pg = dialect.equals("postgres");
    String p = "database." + dialect + ".";
    String user = t.string(p + "username", t.string(p + "user", pg ? "postgres" : "root"));
    // soketi's default table is apps: a soketi deployment that never named its table keeps reading it
    String table = t.string(p + "table_name", t.string("app_manager." + dialect + ".table",
        t.soketiForm() ? "apps" : "applications"));
    int size = t.integer(p + "connection_pool_size", t.integer("database.connection_pool_size", 10));
    int min;
    int max;
    if (t.bool("database_pooling.enabled", true)) {
      max = t.integer(p + "pool_max", t.integer("database_pooling.max", 10));
      boolean given = t.node(p + "pool_min") != null || t.node("database_pooling.min") != null;
      // the default minimum shrinks to fit a small maximum; a minimum the user gave must fit or is an error
      min = given ? t.integer(p + "pool_min", t.integer("database_pooling.min", 2)) : Math.min(2, max);
    } else {
      max = size;
      min = 0;
    }
    return new SqlStoreConfig(dialect, t.string(p + "host", "127.0.0.1"), t.integer(p + "port", pg ? 5432 : 3306),
        user, t.string(p + "password", ""), t.string(p + "database", "sockudo"), table, min, max);
  }

  public String describe() {
    return dialect + " " + host + ":" + port + "/" + database + "." + table;
  }

  @Override
  public String toString() {
    return describe(); // never print the password
  }
}
