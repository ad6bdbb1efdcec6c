package dev.switchboard.app.store.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.App;
import dev.switchboard.app.CachingAppStore;
import dev.switchboard.config.ServerLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: prints app lookup figures against the machine's MariaDB and PostgreSQL (uncached lookups per
 * second with 64 in flight, a cached hit in ns, a flood of one unknown key). Run after {@code ./mvnw
 * test-compile} with {@code java -cp target/test-classes:target/classes:<runtime classpath>
 * dev.switchboard.app.store.sql.SqlLookupBench}.
 */
public final class SqlLookupBench {
  private SqlLookupBench() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    for (String dialect : List.of("mysql", "postgres")) {
      boolean pg = dialect.equals("postgres");
      SqlAppStore store = new SqlAppStore(vertx, new SqlStoreConfig(dialect, "127.0.0.1", pg ? 5432 : 3306,
          pg ? "postgres" : "root", "", "test", "bench_apps", 4, 8), ServerLimits.DEFAULTS);
      store.delete("bench").await(20, TimeUnit.SECONDS);
      String app = "{\"id\":\"bench\",\"key\":\"bench-key\",\"secret\":\"s\"}";
      store.create((ObjectNode) new ObjectMapper().readTree(app)).await(20, TimeUnit.SECONDS);
      CachingAppStore cached = new CachingAppStore(store, store, Duration.ofSeconds(300), Duration.ofSeconds(10));
      for (int round = 0; round < 3; round++) {
        int n = 5000;
        long t0 = System.nanoTime();
        List<Future<Optional<App>>> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          batch.add(store.findByKey("bench-key"));
          if (batch.size() == 64) {
            Future.all(batch).await(20, TimeUnit.SECONDS);
            batch.clear();
          }
        }
        Future.all(batch).await(20, TimeUnit.SECONDS);
        long db = System.nanoTime() - t0;
        int m = 1_000_000;
        t0 = System.nanoTime();
        for (int i = 0; i < m; i++) {
          cached.findByKey("bench-key");
        }
        long hit = System.nanoTime() - t0;
        List<Future<Optional<App>>> unknown = new ArrayList<>();
        t0 = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
          unknown.add(cached.findByKey("bad-key-" + round));
        }
        Future.all(unknown).await(20, TimeUnit.SECONDS);
        long bad = System.nanoTime() - t0;
        System.out.printf("%s round %d: uncached findByKey %.0f/s; cached hit %.0f ns; 10000 lookups of one"
            + " unknown key %.1f ms%n", dialect, round, n / (db / 1e9), hit / (double) m, bad / 1e6);
      }
      store.close().await(10, TimeUnit.SECONDS);
    }
    vertx.close();
  }
}
