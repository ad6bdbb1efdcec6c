package dev.switchboard.app.store.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Apps in a MySQL/MariaDB or PostgreSQL table, read and written with the async Vert.x SQL client (never
 * blocking an event loop). Lookups wait for the one-time table set-up, which is retried while the database
 * is down; each lookup is bounded by {@link AppErrors#LOOKUP_TIMEOUT_MS}.
 */
public final class SqlAppStore implements AppStore, AppAdmin {
  private final Vertx vertx;
  private final SqlStoreConfig config;
  private final ServerLimits limits;
  private final SqlDialect dialect;
  private final Pool pool;
  private final SqlTable table;
  private final StoreReadiness readiness;

  public SqlAppStore(Vertx vertx, SqlStoreConfig config, ServerLimits limits) {
    this.vertx = vertx;
    this.config = config;
    this.limits = limits;
    this.dialect = config.dialect().equals("postgres") ? new PostgresDialect() : new MySqlDialect();
    this.pool = dialect.pool(vertx, config);
    this.table = new SqlTable(dialect, config.dialect(), config.table());
    this.readiness = new StoreReadiness(config.describe(), () -> warmUp().compose(v -> table.prepare(pool))).begin();
  }

  /** Opens {@code pool_min} connections up front; the pool keeps them (no idle timeout). */
  private Future<Void> warmUp() {
    List<Future<SqlConnection>> opened = IntStream.range(0, config.poolMin()).mapToObj(i -> pool.getConnection())
        .toList();
    return Future.join(opened).eventually(() -> {
      opened.forEach(f -> f.onSuccess(SqlConnection::close));
      return Future.succeededFuture();
    }).mapEmpty();
  }

  @Override
  public Future<Optional<App>> findById(String id) {
    return readiness.then(vertx, () -> selectOne(AppField.ID, id).map(d -> d.map(this::app)));
  }

  @Override
  public Future<Optional<App>> findByKey(String key) {
    return readiness.then(vertx, () -> selectOne(AppField.KEY, key).map(d -> d.map(this::app)));
  }

  private App app(ObjectNode definition) {
    return AppEdits.parse(definition, limits, config.table());
  }

  private Future<Optional<ObjectNode>> selectOne(AppField by, String value) {
    String sql = "SELECT " + table.selectList() + " FROM " + table.name() + " WHERE " + col(by) + " = " + ph(1, by);
    return pool.preparedQuery(sql).execute(Tuple.of(value)).map(rows -> {
      for (Row r : rows) {
        return Optional.of(table.definition(r));
      }
      return Optional.empty();
    });
  }

  private String col(AppField f) {
    return dialect.quote(table.column(f).name());
  }

  private String ph(int index, AppField f) {
    return dialect.placeholder(index, table.column(f).type());
  }

  @Override
  public Future<List<ObjectNode>> list() {
    return readiness.then(vertx, () -> pool.query("SELECT " + table.selectList() + " FROM " + table.name()
            + " ORDER BY " + col(AppField.ID)).execute()
        .map(rows -> {
          List<ObjectNode> out = new ArrayList<>();
          rows.forEach(r -> out.add(table.definition(r)));
          return out;
        }));
  }

  @Override
  public Future<Optional<ObjectNode>> get(String id) {
    return readiness.then(vertx, () -> selectOne(AppField.ID, id));
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
    String key = d.path("key").asText();
    return readiness.then(vertx, () -> selectOne(AppField.ID, id)
        .compose(found -> found.isPresent()
            ? Future.failedFuture(new AppException("an app with id " + id + " already exists"))
            : keyFree(key, id))
        .compose(v -> insert(d))
        .map(v -> d));
  }

  private Future<Void> keyFree(String key, String id) {
    return AppEdits.keyFree(selectOne(AppField.KEY, key), key, id);
  }

  private Future<Void> insert(ObjectNode d) {
    List<String> cols = new ArrayList<>();
    List<String> marks = new ArrayList<>();
    Tuple params = Tuple.tuple();
    for (Map.Entry<AppField, SqlTable.Column> e : table.columns().entrySet()) {
      AppField f = e.getKey();
      JsonNode v = d.get(f.column());
      if (v == null || v.isNull()) {
        if (!e.getValue().required()) {
          continue;
        }
        v = fallback(f); // soketi's NOT NULL columns need a value even when the app leaves them unset
      }
      cols.add(dialect.quote(e.getValue().name()));
      marks.add(dialect.placeholder(params.size() + 1, e.getValue().type()));
      params.addValue(dialect.param(f, v, e.getValue().type()));
    }
    String sql = "INSERT INTO " + table.name() + " (" + String.join(", ", cols) + ") VALUES ("
        + String.join(", ", marks) + ")";
    return pool.preparedQuery(sql).execute(params).mapEmpty();
  }

  /** The value an unset field means, for columns that cannot be NULL. */
  private static JsonNode fallback(AppField f) {
    JsonNodeFactory j = JsonNodeFactory.instance;
    return switch (f.kind()) {
      case TEXT -> j.textNode("");
      case BOOL -> j.booleanNode(f == AppField.ENABLED);
      case INT, SIZE -> j.numberNode(-1);
      case JSON -> j.arrayNode();
    };
  }

  @Override
  public Future<ObjectNode> update(String id, ObjectNode changes) {
    ObjectNode c;
    try {
      c = AppEdits.changes(id, changes);
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
    return readiness.then(vertx, () -> selectOne(AppField.ID, id).compose(found -> {
      ObjectNode merged = AppEdits.merge(found, id, c);
      app(merged);
      Future<Void> check = c.has("key") ? keyFree(c.get("key").asText(), id) : Future.succeededFuture();
      return check.compose(v -> write(id, c)).map(v -> merged);
    }));
  }

  private Future<RowSet<Row>> write(String id, ObjectNode changes) {
    List<String> sets = new ArrayList<>();
    Tuple params = Tuple.tuple();
    for (Map.Entry<String, JsonNode> e : changes.properties()) {
      AppField f = AppField.of(e.getKey()).orElseThrow();
      SqlTable.Column col = table.column(f);
      if (f == AppField.ID || col == null) {
        continue;
      }
      JsonNode v = e.getValue().isNull() && col.required() ? fallback(f) : e.getValue();
      Object p = v.isNull() ? null : dialect.param(f, v, col.type());
      sets.add(dialect.quote(col.name()) + " = " + dialect.placeholder(params.size() + 1, col.type()));
      params.addValue(p);
    }
    if (sets.isEmpty()) {
      return Future.succeededFuture();
    }
    params.addValue(id);
    String sql = "UPDATE " + table.name() + " SET " + String.join(", ", sets) + " WHERE " + col(AppField.ID)
        + " = " + ph(params.size(), AppField.ID);
    return pool.preparedQuery(sql).execute(params);
  }


  @Override
  public Future<Boolean> delete(String id) {
    return readiness.then(vertx, () -> pool.preparedQuery("DELETE FROM " + table.name() + " WHERE "
        + col(AppField.ID) + " = " + ph(1, AppField.ID)).execute(Tuple.of(id)).map(r -> r.rowCount() > 0));
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }
}
