package dev.switchboard.app.store.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.App;
import dev.switchboard.app.AppAdmin;
import dev.switchboard.app.AppEdits;
import dev.switchboard.app.AppErrors;
import dev.switchboard.app.AppException;
import dev.switchboard.app.AppField;
import dev.switchboard.app.AppStore;
import dev.switchboard.app.StoreReadiness;
import dev.switchboard.config.ServerLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apps in a ScyllaDB/Cassandra table ({@code id} primary key, secondary index on {@code key}). The session
 * is opened, and keyspace, table and index created, by a set-up that is retried while the cluster is down;
 * the driver reconnects by itself once it has a session.
 */
public final class CassandraAppStore implements AppStore, AppAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(CassandraAppStore.class);
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(30);
  private final Vertx vertx;
  private final CassandraStoreConfig config;
  private final ServerLimits limits;
  private final String table;
  private final StoreReadiness readiness;
  private volatile CqlSession session;
  private volatile PreparedStatement byId;
  private volatile PreparedStatement byKey;
  private volatile boolean serialWarned;

  public CassandraAppStore(Vertx vertx, CassandraStoreConfig config, ServerLimits limits) {
    this.vertx = vertx;
    this.config = config;
    this.limits = limits;
    this.table = config.keyspace() + "." + config.table();
    this.readiness = new StoreReadiness(config.describe(), this::setup).begin();
  }

  private Future<Void> setup() {
    Future<CqlSession> s = session != null ? Future.succeededFuture(session) : connect();
    Map<String, String> failed = new LinkedHashMap<>(); // schema step -> why it failed
    return s.compose(sess -> {
      session = sess;
      return schema(failed, "keyspace " + config.keyspace(), "CREATE KEYSPACE IF NOT EXISTS " + config.keyspace()
          + " WITH replication = {'class': '" + config.replicationClass() + "', 'replication_factor': "
          + config.replicationFactor() + "}")
          .compose(v -> schema(failed, "table " + table, CassandraSchema.createTable(table)))
          .compose(v -> schema(failed, "index on key", "CREATE INDEX IF NOT EXISTS ON " + table + " (\"key\")"))
          .compose(v -> migrate(failed))
          .compose(v -> schemaUsable(failed))
          .compose(v -> prepare("SELECT * FROM " + table + " WHERE id = ?")).map(p -> byId = p)
          .compose(v -> prepare("SELECT * FROM " + table + " WHERE \"key\" = ?")).map(p -> byKey = p)
          .mapEmpty();
    });
  }

  /**
   * Runs one schema statement; a failure (no CREATE/ALTER permission, or any schema error) is recorded in
   * {@code failed} instead of failing the set-up, so a read-only user can use a table that already exists.
   */
  private Future<Void> schema(Map<String, String> failed, String what, String cql) {
    return ddl(cql).recover(e -> {
      failed.put(what, String.valueOf(e.getMessage()));
      return Future.succeededFuture();
    });
  }

  /** Fails the set-up when the table is missing; otherwise warns once about schema steps that failed. */
  private Future<Void> schemaUsable(Map<String, String> failed) {
    if (failed.isEmpty()) {
      return Future.succeededFuture();
    }
    return run(SimpleStatement.newInstance("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?"
        + " AND table_name = ?", config.keyspace(), config.table())).compose(rows -> {
          String why = failed.values().iterator().next();
          if (rows.isEmpty()) {
            return Future.failedFuture(new AppException("app table " + table + " does not exist and could not be"
                + " created: " + why));
          }
          LOG.warn("could not create or migrate {} of app table {} ({}); reading the table as it is, missing fields"
              + " take the server defaults", failed.keySet(), table, why);
          return Future.succeededFuture();
        });
  }

  private Future<CqlSession> connect() {
    return vertx.executeBlocking(() -> {
      List<InetSocketAddress> points = config.nodes().stream()
          .map(a -> new InetSocketAddress(a.getHostString(), a.getPort())).toList(); // may resolve DNS
      CqlSessionBuilder b = CqlSession.builder().addContactPoints(points)
          .withLocalDatacenter(config.localDatacenter())
          // lookups can start on a plain event-loop thread, which has no context class loader
          .withClassLoader(CassandraAppStore.class.getClassLoader())
          .withConfigLoader(DriverConfigLoader.programmaticBuilder(CassandraAppStore.class.getClassLoader())
              .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofMillis(AppErrors.LOOKUP_TIMEOUT_MS - 500))
              .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(3))
              .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(3))
              .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(3))
              .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
              .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(5))
              .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, DDL_TIMEOUT)
              .build());
      if (!config.username().isEmpty()) {
        b.withAuthCredentials(config.username(), config.password());
      }
      return b;
    }).compose(b -> Future.fromCompletionStage(b.buildAsync()));
  }

  private Future<Void> ddl(String cql) {
    return Future.fromCompletionStage(session.executeAsync(SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT)))
        .mapEmpty();
  }

  private Future<PreparedStatement> prepare(String cql) {
    return Future.fromCompletionStage(session.prepareAsync(cql));
  }

  /** Adds the columns Sockudo's older tables lack (e.g. enable_subscription_count). */
  private Future<Void> migrate(Map<String, String> failed) {
    return run(SimpleStatement.newInstance("SELECT column_name FROM system_schema.columns WHERE keyspace_name = ?"
        + " AND table_name = ?", config.keyspace(), config.table())).compose(rows -> {
          List<String> have = new ArrayList<>();
          rows.forEach(r -> have.add(r.getString(0)));
          Future<Void> chain = Future.succeededFuture();
          for (AppField f : AppField.values()) {
            if (have.stream().noneMatch(c -> AppField.of(c).orElse(null) == f)) {
              String cql = "ALTER TABLE " + table + " ADD " + f.column() + " " + CassandraSchema.type(f);
              chain = chain.compose(v -> schema(failed, "column " + f.column(), cql));
            }
          }
          return chain;
        });
  }

  /** All rows of {@code st} (every page). */
  private Future<List<Row>> run(Statement<?> st) {
    return Future.fromCompletionStage(session.executeAsync(st)).compose(rs -> drain(rs, new ArrayList<>()));
  }

  private static Future<List<Row>> drain(AsyncResultSet rs, List<Row> acc) {
    rs.currentPage().forEach(acc::add);
    return rs.hasMorePages()
        ? Future.fromCompletionStage(rs.fetchNextPage()).compose(next -> drain(next, acc))
        : Future.succeededFuture(acc);
  }

  private <T> Future<T> guarded(java.util.function.Supplier<Future<T>> query) {
    return readiness.then(vertx, query);
  }

  private Future<Optional<ObjectNode>> one(Function<CassandraAppStore, PreparedStatement> st, String value) {
    return run(st.apply(this).bind(value))
        .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(CassandraSchema.definition(rows.get(0))));
  }

  private App app(ObjectNode d) {
    return AppEdits.parse(d, limits, table);
  }

  @Override
  public Future<Optional<App>> findById(String id) {
    return guarded(() -> one(s -> s.byId, id).map(d -> d.map(this::app)));
  }

  @Override
  public Future<Optional<App>> findByKey(String key) {
    return guarded(() -> one(s -> s.byKey, key).map(d -> d.map(this::app)));
  }

  @Override
  public Future<List<ObjectNode>> list() {
    return guarded(() -> run(SimpleStatement.newInstance("SELECT * FROM " + table))
        .map(rows -> rows.stream().map(CassandraSchema::definition)
            .sorted(Comparator.comparing(d -> d.path("id").asText())).toList()));
  }

  @Override
  public Future<Optional<ObjectNode>> get(String id) {
    return guarded(() -> one(s -> s.byId, id));
  }

  @Override
  public Future<ObjectNode> create(ObjectNode definition) {
    ObjectNode d;
    try {
      d = AppField.definition(definition);
      app(d);
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
    String id = d.path("id").asText();
    return guarded(() -> keyFree(d.path("key").asText(), id)
        .compose(v -> conditional(CassandraSchema.insert(table, d, true), () -> one(s -> s.byId, id)
            .compose(found -> found.isPresent() ? Future.succeededFuture(false)
                : execute(CassandraSchema.insert(table, d, false)).map(true))))
        .compose(applied -> applied ? Future.succeededFuture(d)
            : Future.failedFuture(new AppException("an app with id " + id + " already exists"))));
  }

  private Future<AsyncResultSet> execute(Statement<?> st) {
    return Future.fromCompletionStage(session.executeAsync(st));
  }

  /**
   * Runs a lightweight transaction ({@code IF [NOT] EXISTS}) and tells whether it applied. Its SERIAL
   * consistency needs a quorum of the keyspace's replicas, which a cluster smaller than the replication factor
   * (one node with the default factor 3) lacks: then {@code readThenWrite} does the same check and write at
   * the session's LOCAL_ONE consistency, which is fine for an admin command but not atomic against another
   * writer changing the same app at the same instant.
   */
  private Future<Boolean> conditional(Statement<?> lwt, java.util.function.Supplier<Future<Boolean>> readThenWrite) {
    return execute(lwt).map(AsyncResultSet::wasApplied).recover(e -> {
      if (!tooFewReplicas(e)) {
        return Future.failedFuture(e);
      }
      if (!serialWarned) {
        serialWarned = true;
        LOG.warn("app table {}: too few nodes for SERIAL consistency ({}); app create/delete check and write at"
            + " LOCAL_ONE instead (not atomic against a concurrent writer)", table, e.getMessage());
      }
      return readThenWrite.get();
    });
  }

  private Future<Void> keyFree(String key, String id) {
    return AppEdits.keyFree(one(s -> s.byKey, key), key, id);
  }

  /** Unavailable, possibly wrapped by the driver after its retry policy tried the next node. */
  private static boolean tooFewReplicas(Throwable e) {
    if (e instanceof AllNodesFailedException all) {
      List<Throwable> errors = all.getAllErrors().values().stream().flatMap(List::stream).toList();
      return !errors.isEmpty() && errors.stream().allMatch(UnavailableException.class::isInstance);
    }
    return e instanceof UnavailableException;
  }

  @Override
  public Future<ObjectNode> update(String id, ObjectNode changes) {
    ObjectNode c;
    try {
      c = AppEdits.changes(id, changes);
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
    return guarded(() -> one(s -> s.byId, id).compose(found -> {
      ObjectNode merged = AppEdits.merge(found, id, c);
      app(merged);
      Future<Void> check = c.has("key") ? keyFree(c.get("key").asText(), id) : Future.succeededFuture();
      return check.compose(v -> Future.fromCompletionStage(session.executeAsync(
          CassandraSchema.insert(table, merged, false)))).map(v -> merged);
    }));
  }

  @Override
  public Future<Boolean> delete(String id) {
    String cql = "DELETE FROM " + table + " WHERE id = ?";
    return guarded(() -> conditional(SimpleStatement.newInstance(cql + " IF EXISTS", id),
        () -> one(s -> s.byId, id).compose(found -> found.isEmpty() ? Future.succeededFuture(false)
            : execute(SimpleStatement.newInstance(cql, id)).map(true))));
  }

  @Override
  public Future<Void> close() {
    CqlSession s = session;
    return s == null ? Future.succeededFuture() : Future.fromCompletionStage(s.closeAsync()).mapEmpty();
  }
}
