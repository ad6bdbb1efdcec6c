package dev.switchboard.app.store.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.AppException;
import dev.switchboard.app.AppField;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apps table as it is in the database: which column holds which {@link AppField}. {@link #prepare}
 * creates the table when it is missing and adds the columns it lacks, then reads the column map; rows are
 * turned into canonical app definitions whatever the layout.
 */
final class SqlTable {
  private static final Logger LOG = LoggerFactory.getLogger(SqlTable.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One column: its real name, its data type (lower case), and whether an insert must give it a value. */
  record Column(String name, String type, boolean required) {}

  private final SqlDialect dialect;
  private final String driver;
  private final String table;
  private volatile Map<AppField, Column> columns = Map.of();

  /** {@code driver} is the config name of the store ({@code mysql} or {@code postgres}), for messages. */
  SqlTable(SqlDialect dialect, String driver, String table) {
    this.dialect = dialect;
    this.driver = driver;
    this.table = table;
  }

  String name() {
    return dialect.quote(table);
  }

  Column column(AppField f) {
    return columns.get(f);
  }

  Map<AppField, Column> columns() {
    return columns;
  }

  /**
   * The mapped columns, for SELECT: naming them (not {@code *}) keeps cached prepared statements valid when
   * another node adds a column to the table.
   */
  String selectList() {
    return String.join(", ", columns.values().stream().map(c -> dialect.quote(c.name())).toList());
  }

  /**
   * Creates or migrates the table, then learns its columns. A user without schema rights can still use an
   * existing table: columns that cannot be added are left out (their fields take the server defaults).
   */
  Future<Void> prepare(Pool pool) {
    Map<String, String> notAdded = new java.util.LinkedHashMap<>(); // column -> why
    return read(pool).compose(found -> {
      if (found.isEmpty()) {
        return PeerTables.warnIfPresent(pool, dialect, driver, table).compose(v -> {
          LOG.info("creating app table {}", table);
          return pool.query(createSql()).execute().compose(r -> read(pool));
        });
      }
      return Future.succeededFuture(found);
    }).compose(found -> migrate(pool, found, notAdded)).compose(v -> read(pool)).map(found -> {
      Map<AppField, Column> m = new EnumMap<>(AppField.class);
      found.forEach((name, col) -> AppField.of(name).ifPresent(f -> m.putIfAbsent(f, col)));
      for (AppField f : List.of(AppField.ID, AppField.KEY, AppField.SECRET)) {
        if (!m.containsKey(f)) {
          throw new AppException("table " + table + " has no " + f.column() + " column");
        }
      }
      if (!notAdded.isEmpty()) { // logged only once the table is known to be readable, not during an outage
        LOG.warn("could not add columns {} to app table {} ({}); reading the columns it has, and those fields take"
            + " the server defaults", notAdded.keySet(), table, notAdded.values().iterator().next());
      }
      columns = Map.copyOf(m);
      return null;
    });
  }

  private Future<Map<String, Column>> read(Pool pool) {
    return pool.preparedQuery(dialect.columnsQuery()).execute(Tuple.of(table)).map(rows -> {
      Map<String, Column> out = new java.util.LinkedHashMap<>();
      for (Row r : rows) {
        boolean required = "NO".equalsIgnoreCase(r.getString(2)) && r.getValue(3) == null;
        out.put(r.getString(0), new Column(r.getString(0), r.getString(1).toLowerCase(Locale.ROOT), required));
      }
      return out;
    });
  }

  private String createSql() {
    StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(name()).append(" (");
    for (AppField f : AppField.values()) {
      sb.append(dialect.quote(f.column())).append(' ').append(dialect.columnType(f)).append(", ");
    }
    sb.append(dialect.quote("created_at")).append(" TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, ");
    sb.append(dialect.quote("updated_at")).append(" TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, ");
    return sb.append(dialect.tableConstraints()).append(")").toString();
  }

  /**
   * Adds a column for every field the table cannot hold yet (e.g. allowed_origins on soketi's table). A column
   * that cannot be added (no ALTER privilege, or any other schema error) is named in {@code notAdded}.
   */
  private Future<Void> migrate(Pool pool, Map<String, Column> found, Map<String, String> notAdded) {
    List<String> missing = new ArrayList<>();
    for (AppField f : AppField.values()) {
      boolean present = found.keySet().stream().anyMatch(c -> AppField.of(c).orElse(null) == f);
      if (!present && f.kind() != AppField.Kind.TEXT) {
        missing.add(f.column());
      }
    }
    Future<Void> chain = Future.succeededFuture();
    for (String col : missing) {
      AppField f = AppField.of(col).orElseThrow();
      String sql = "ALTER TABLE " + name() + " ADD COLUMN " + dialect.quote(col) + " " + dialect.columnType(f);
      chain = chain.compose(v -> pool.query(sql).execute().<Void>mapEmpty()
          .onSuccess(x -> LOG.info("added column {} to app table {}", col, table))
          .recover(e -> {
            notAdded.put(col, String.valueOf(e.getMessage()));
            return Future.succeededFuture();
          }));
    }
    return chain;
  }

  /** The canonical definition held by {@code row}: mapped, non-null columns only. */
  ObjectNode definition(Row row) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<AppField, Column> e : columns.entrySet()) {
      int i = row.getColumnIndex(e.getValue().name());
      Object v = i < 0 ? null : row.getValue(i);
      if (v != null) {
        AppField f = e.getKey();
        JsonNode value = f.value(json(v));
        if (!value.isNull()) {
          out.set(f.column(), value);
        }
      }
    }
    return out;
  }

  /** A column value as the Vert.x SQL clients return it, as JSON. */
  static JsonNode json(Object v) {
    JsonNodeFactory j = JsonNodeFactory.instance;
    try {
      return switch (v) {
        case Boolean b -> j.booleanNode(b);
        case BigDecimal d -> j.numberNode(d);
        case Double d -> j.numberNode(d);
        case Float d -> j.numberNode(d);
        case Number n -> j.numberNode(n.longValue());
        case JsonObject o -> JSON.readTree(o.encode());
        case JsonArray a -> JSON.readTree(a.encode());
        case Buffer b -> j.textNode(b.toString());
        default -> j.textNode(v.toString());
      };
    } catch (java.io.IOException e) {
      throw new AppException("unreadable JSON column: " + e.getMessage());
    }
  }
}
