package dev.switchboard.testing;

import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;

/**
 * Direct access to the machine's MariaDB (root, db {@code test}) and PostgreSQL (postgres, db {@code test}),
 * for tests that create tables and insert rows the way a soketi or Sockudo user would.
 */
public final class SqlFixture implements AutoCloseable {
  public static final int MYSQL_PORT = 3306;
  public static final int POSTGRES_PORT = 5432;
  private final Vertx vertx = Vertx.vertx();
  private final Pool pool;

  private SqlFixture(boolean postgres, String database) {
    pool = postgres
        ? PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(POSTGRES_PORT)
            .setUser("postgres").setDatabase(database)).using(vertx).build()
        : MySQLBuilder.pool().connectingTo(new MySQLConnectOptions().setHost("127.0.0.1").setPort(MYSQL_PORT)
            .setUser("root").setPassword("").setDatabase(database)).using(vertx).build();
  }

  public static SqlFixture mysql() {
    return new SqlFixture(false, "test");
  }

  public static SqlFixture postgres() {
    return new SqlFixture(true, "test");
  }

  /**
   * A database of its own (created when missing), for tests about what else sits in the database: the shared
   * {@code test} database holds other tests' tables.
   */
  public static SqlFixture ownDatabase(boolean postgres, String database) {
    try (SqlFixture admin = new SqlFixture(postgres, "test")) {
      if (postgres) {
        try {
          admin.exec("CREATE DATABASE " + database);
        } catch (IllegalStateException e) {
          if (!String.valueOf(e.getMessage()).contains("already exists")) {
            throw e;
          }
        }
      } else {
        admin.exec("CREATE DATABASE IF NOT EXISTS " + database);
      }
    }
    return new SqlFixture(postgres, database);
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Runs one statement with positional parameters and waits for it. */
  public void exec(String sql, Object... params) {
    try {
      pool.preparedQuery(sql).execute(Tuple.from(params)).await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
    vertx.close();
  }
}
