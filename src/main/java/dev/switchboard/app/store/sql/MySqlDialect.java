package dev.switchboard.app.store.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.AppField;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.Set;

/** MySQL 5.7+ and MariaDB: backtick quoting, {@code ?} placeholders, booleans as TINYINT(1). */
final class MySqlDialect implements SqlDialect {
  private static final Set<String> NUMERIC = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint",
      "bit", "boolean", "decimal", "double", "float");

  @Override
  public Pool pool(Vertx vertx, SqlStoreConfig c) {
    MySQLConnectOptions o = new MySQLConnectOptions().setHost(c.host()).setPort(c.port()).setUser(c.username())
        .setPassword(c.password()).setDatabase(c.database()).setCachePreparedStatements(true);
    return MySQLBuilder.pool().with(SqlPools.options(c)).with(SqlPools.tcp()).connectingTo(o).using(vertx).build();
  }

  @Override
  public String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  @Override
  public String placeholder(int index, String type) {
    return "?";
  }

  @Override
  public Object param(AppField f, JsonNode v, String type) {
    boolean numeric = NUMERIC.contains(type);
    return switch (f.kind()) {
      case TEXT -> v.asText();
      case BOOL -> numeric ? (Object) (v.asBoolean() ? 1 : 0) : String.valueOf(v.asBoolean());
      case INT -> numeric ? (Object) v.asInt() : String.valueOf(v.asInt());
      case SIZE -> numeric ? (Object) v.asDouble() : v.decimalValue().toPlainString();
      case JSON -> v.toString();
    };
  }

  @Override
  public String columnsQuery() {
    return "SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
  }

  @Override
  public String columnType(AppField f) {
    return switch (f.kind()) {
      case TEXT -> "VARCHAR(255) NOT NULL";
      case BOOL -> "TINYINT(1) NULL";
      case INT -> "INT NULL";
      case SIZE -> "DOUBLE NULL"; // KB with decimals (soketi's are JavaScript numbers)
      case JSON -> "JSON NULL";
    };
  }

  @Override
  public String tableConstraints() {
    return "PRIMARY KEY (`id`), UNIQUE KEY `applications_key_unique` (`key`)";
  }
}
