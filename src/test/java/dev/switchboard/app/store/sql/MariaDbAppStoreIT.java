package dev.switchboard.app.store.sql;

import dev.switchboard.app.AppAdmin;
import dev.switchboard.app.AppStore;
import dev.switchboard.app.AppStoreContract;
import dev.switchboard.config.ServerLimits;
import dev.switchboard.testing.SqlFixture;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The mysql driver keeps the app store contract on the machine's MariaDB, in a table it creates itself. */
class MariaDbAppStoreIT extends AppStoreContract {
  private static Vertx vertx;
  private static SqlAppStore store;

  @BeforeAll
  static void open() {
    try (SqlFixture db = SqlFixture.mysql()) {
      db.exec("DROP TABLE IF EXISTS contract_apps");
    }
    vertx = Vertx.vertx();
    store = new SqlAppStore(vertx, new SqlStoreConfig("mysql", "127.0.0.1", SqlFixture.MYSQL_PORT, "root", "",
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
