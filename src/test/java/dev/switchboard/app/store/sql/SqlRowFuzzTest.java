package dev.switchboard.app.store.sql;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.AppEdits;
import dev.switchboard.app.AppException;
import dev.switchboard.app.AppField;
import dev.switchboard.config.ServerLimits;
import dev.switchboard.fuzz.StoreRow;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * An app row of a PostgreSQL or MySQL table (ours, soketi's or Sockudo's columns), with each column's value of
 * any type the Vert.x clients return: mapped as {@link SqlTable#definition} maps it, then checked as every store
 * checks a row ({@link AppEdits#parse}). The outcome is an app or an {@link AppException} naming the column.
 */
class SqlRowFuzzTest {
  @FuzzTest
  void row(byte[] data) {
    ObjectNode definition = JsonNodeFactory.instance.objectNode();
    try {
      for (StoreRow.Cell c : StoreRow.cells(data)) {
        AppField f = AppField.of(c.column()).orElse(null);
        Object v = value(c);
        if (f != null && v != null) {
          JsonNode value = f.value(SqlTable.json(v));
          if (!value.isNull()) {
            definition.set(f.column(), value);
          }
        }
      }
      assertNotNull(AppEdits.parse(definition, ServerLimits.DEFAULTS, "applications"));
    } catch (AppException refused) {
      assertNotNull(refused.getMessage());
    }
  }

  private static Object value(StoreRow.Cell c) {
    return switch (c.tag()) {
      case "n" -> c.decimal();
      case "d" -> c.doubleValue();
      case "f" -> c.doubleValue() == null ? null : (Object) c.doubleValue().floatValue();
      case "l" -> c.longValue();
      case "i" -> c.longValue() == null ? null : (Object) c.longValue().intValue();
      case "b" -> Boolean.valueOf(c.text());
      case "x" -> Buffer.buffer(c.text().getBytes(StandardCharsets.UTF_8));
      case "j" -> json(c.text());
      default -> c.text();
    };
  }

  /** JSON and JSONB columns arrive as JsonObject or JsonArray; text that is neither cannot be stored so. */
  private static Object json(String text) {
    try {
      return text.trim().startsWith("[") ? new JsonArray(text) : new JsonObject(text);
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
