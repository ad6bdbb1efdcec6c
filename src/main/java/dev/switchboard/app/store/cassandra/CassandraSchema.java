package dev.switchboard.app.store.cassandra;

import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.AppField;
import java.util.ArrayList;
import java.util.List;

/** Sockudo's {@code applications} table in CQL, and conversions between its rows and app definitions. */
final class CassandraSchema {
  private CassandraSchema() {}

  static String type(AppField f) {
    return switch (f.kind()) {
      case TEXT, JSON -> "text"; // webhooks and allowed_origins as JSON text, as Sockudo stores them
      case BOOL -> "boolean";
      case INT, SIZE -> "int"; // Sockudo's columns: whole KB only
    };
  }

  static String createTable(String table) {
    StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table).append(" (");
    for (AppField f : AppField.values()) {
      sb.append(quote(f)).append(' ').append(type(f)).append(f == AppField.ID ? " PRIMARY KEY, " : ", ");
    }
    return sb.append("created_at timestamp, updated_at timestamp)").toString();
  }

  private static String quote(AppField f) {
    return "\"" + f.column() + "\"";
  }

  static ObjectNode definition(Row row) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (ColumnDefinition c : row.getColumnDefinitions()) {
      String name = c.getName().asInternal();
      AppField.of(name).ifPresent(f -> {
        Object v = row.getObject(c.getName());
        if (v != null) {
          JsonNode value = f.value(json(v));
          if (!value.isNull()) {
            out.set(f.column(), value);
          }
        }
      });
    }
    return out;
  }

  /** A column value as the driver returns it, as JSON. */
  static JsonNode json(Object v) {
    JsonNodeFactory j = JsonNodeFactory.instance;
    return switch (v) {
      case Boolean b -> j.booleanNode(b);
      case Number n -> j.numberNode(n.longValue());
      default -> j.textNode(v.toString());
    };
  }

  private static int wholeKb(AppField f, JsonNode v) {
    if (!v.canConvertToExactIntegral()) {
      throw new dev.switchboard.app.AppException(f.column() + "=" + v
          + ": the cassandra store keeps sizes in whole KB (its column is an int, as Sockudo's)");
    }
    return v.asInt();
  }

  /** An INSERT of every field (unset ones as null); {@code ifNotExists} makes it a create. */
  static SimpleStatement insert(String table, ObjectNode d, boolean ifNotExists) {
    List<String> cols = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (AppField f : AppField.values()) {
      JsonNode v = d.get(f.column());
      cols.add(quote(f));
      values.add(v == null || v.isNull() ? null : switch (f.kind()) {
        case TEXT -> v.asText();
        case BOOL -> v.asBoolean();
        case INT -> v.asInt();
        case SIZE -> wholeKb(f, v);
        case JSON -> v.toString();
      });
    }
    String cql = "INSERT INTO " + table + " (" + String.join(", ", cols) + ", updated_at) VALUES ("
        + "?, ".repeat(cols.size()) + "toTimestamp(now()))" + (ifNotExists ? " IF NOT EXISTS" : "");
    return SimpleStatement.newInstance(cql, values.toArray());
  }
}
