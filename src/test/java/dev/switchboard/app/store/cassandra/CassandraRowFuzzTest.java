package dev.switchboard.app.store.cassandra;

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

/**
 * A row of Sockudo's Cassandra {@code applications} table, each column of a type the driver returns (text,
 * int, bigint, boolean, double): mapped as {@link CassandraSchema#definition} maps it, then checked as the store
 * checks it. The outcome is an app or an {@link AppException}.
 */
class CassandraRowFuzzTest {
  @FuzzTest
  void row(byte[] data) {
    ObjectNode definition = JsonNodeFactory.instance.objectNode();
    try {
      for (StoreRow.Cell c : StoreRow.cells(data)) {
        AppField f = AppField.of(c.column()).orElse(null);
        Object v = switch (c.tag()) {
          case "i" -> c.longValue() == null ? null : (Object) c.longValue().intValue();
          case "l" -> c.longValue();
          case "d" -> c.doubleValue();
          case "b" -> Boolean.valueOf(c.text());
          default -> c.text();
        };
        if (f != null && v != null) {
          JsonNode value = f.value(CassandraSchema.json(v));
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
}
