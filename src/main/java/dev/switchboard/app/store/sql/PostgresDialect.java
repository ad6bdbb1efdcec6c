package dev.switchboard.app.store.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.AppField;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.Set;

/**
 * PostgreSQL 12+: double-quote quoting, {@code $n} placeholders, JSONB. Every parameter is sent as text and
 * cast to its column's type on the server, so one code path writes BOOLEAN, SMALLINT, BIGINT, DOUBLE, JSON,
 * JSONB or TEXT columns alike, whatever layout the table has.
 */
final class PostgresDialect implements SqlDialect {
  private static final Set<String> NUMERIC = Set.of("smallint", "integer", "bigint", "numeric", "real",
      "double precision");

  @Override
  public Pool pool(Vertx vertx, SqlStoreConfig c) {
    PgConnectOptions o = new PgConnectOptions().setHost(c.host()).setPort(c.port()).setUser(c.username())
        .setPassword(c.password()).setDatabase(c.database()).setCachePreparedStatements(true);
    return PgBuilder.pool().with(SqlPools.options(c)).with(SqlPools.tcp()).connectingTo(o).using(vertx).build();
  }

  @Override
  public String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  @Override
  public String placeholder(int index, String type) {
    boolean castable = type != null && type.matches("[a-z ]+");
    return castable ? "CAST(CAST($" + index + " AS text) AS " + type + ")" : "$" + index;
  }

  @Override
  public Object param(AppField f, JsonNode v, String type) {
    return switch (f.kind()) {
      case TEXT -> v.asText();
      case BOOL -> NUMERIC.contains(type) ? (v.asBoolean() ? "1" : "0") : String.valueOf(v.asBoolean());
      case INT -> String.valueOf(v.asInt());
      case SIZE -> v.decimalValue().toPlainString();
      case JSON -> v.toString();
    };
  }

  @Override
  public String columnsQuery() {
    return "SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns"
        + " WHERE table_schema = current_schema() AND table_name = $1";
  }

  @Override
  public String columnType(AppField f) {
    return switch (f.kind()) {
      case TEXT -> "VARCHAR(255) NOT NULL";
      case BOOL -> "BOOLEAN NULL";
      case INT -> "INTEGER NULL";
      case SIZE -> "DOUBLE PRECISION NULL"; // KB with decimals (soketi's are JavaScript numbers)
      case JSON -> "JSONB NULL";
    };
  }

  @Override
  public String tableConstraints() {
    return "PRIMARY KEY (\"id\"), UNIQUE (\"key\")";
  }
}
