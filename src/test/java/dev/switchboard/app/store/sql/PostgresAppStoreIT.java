package dev.switchboard.app.store.sql;

import dev.switchboard.app.AppAdmin;
import dev.switchboard.app.AppStore;
import dev.switchboard.app.AppStoreContract;
import dev.switchboard.config.ServerLimits;
import dev.switchboard.testing.SqlFixture;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The postgres driver keeps the app store contract on the machine's PostgreSQL, in a table it creates itself. */
class PostgresAppStoreIT extends AppStoreContract {
  private static Vertx vertx;
  private static SqlAppStore store;

  @BeforeAll
  static void open() {
    try (SqlFixture db = SqlFixture.postgres()) {
      db.exec("DROP TABLE IF EXISTS contract_apps");
    }
    vertx = Vertx.vertx();
    store = new SqlAppStore(vertx, new SqlStoreConfig("postgres", "127.0.0.1", SqlFixture.POSTGRES_PORT, "postgres", "",
        "test", "contract_apps", 2, 4), ServerLimits.DEFAULTS);
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
}
