package dev.switchboard.app.store.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.AppField;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/** What differs between MySQL and PostgreSQL: the client, quoting, placeholders, types and parameters. */
interface SqlDialect {
  Pool pool(Vertx vertx, SqlStoreConfig c);

  String quote(String identifier);

  /** The SQL text that stands for parameter {@code index} (1-based) written to a column of {@code type}. */
  String placeholder(int index, String type);

  /** A non-null canonical value of {@code f} as the parameter object for a column of {@code type}. */
  Object param(AppField f, JsonNode value, String type);

  /** Query with one parameter (the table name) answering column_name, data_type, is_nullable, column_default. */
  String columnsQuery();

  /** The column type we create for {@code f}. */
  String columnType(AppField f);

  /** Extra clause of CREATE TABLE after the columns (keys and indexes). */
  String tableConstraints();
}
