package dev.switchboard.app.store.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.AppField;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between DynamoDB items and canonical app definitions. Booleans are read from BOOL, N (0/1), S or B
 * (soketi's docs store {@code {B: 'false'}}: the bytes of the text); numbers from N or S; webhooks and allowed
 * origins from a JSON string or a list.
 */
final class DynamoDbItems {
  private DynamoDbItems() {}

  static ObjectNode definition(Map<String, AttributeValue> item) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      AppField.of(e.getKey()).ifPresent(f -> {
        JsonNode v = f.value(json(e.getValue()));
        if (!v.isNull()) {
          out.set(f.column(), v);
        }
      });
    }
    return out;
  }

  static JsonNode json(AttributeValue v) {
    JsonNodeFactory j = JsonNodeFactory.instance;
    if (v.s() != null) {
      return j.textNode(v.s());
    }
    if (v.n() != null) {
      return j.numberNode(new BigDecimal(v.n()));
    }
    if (v.bool() != null) {
      return j.booleanNode(v.bool());
    }
    if (v.b() != null) {
      return j.textNode(v.b().asString(StandardCharsets.UTF_8).trim());
    }
    if (v.hasL()) {
      ArrayNode a = j.arrayNode();
      v.l().forEach(x -> a.add(json(x)));
      return a;
    }
    if (v.hasSs()) {
      ArrayNode a = j.arrayNode();
      v.ss().forEach(a::add);
      return a;
    }
    if (v.hasM()) {
      ObjectNode o = j.objectNode();
      v.m().forEach((k, x) -> o.set(k, json(x)));
      return o;
    }
    return j.nullNode();
  }

  /** The item for a canonical definition; unset fields are left out. */
  static Map<String, AttributeValue> item(ObjectNode d, DynamoDbStoreConfig c) {
    Map<String, AttributeValue> item = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : d.properties()) {
      if (e.getValue().isNull()) {
        continue;
      }
      AppField f = AppField.of(e.getKey()).orElseThrow();
      JsonNode v = e.getValue();
      AttributeValue a = switch (f.kind()) {
        case TEXT -> AttributeValue.fromS(v.asText());
        case BOOL -> AttributeValue.fromBool(v.asBoolean());
        case INT -> AttributeValue.fromN(Integer.toString(v.asInt()));
        case SIZE -> AttributeValue.fromN(v.decimalValue().toPlainString());
        case JSON -> f == AppField.ALLOWED_ORIGINS && !c.soketi()
            ? AttributeValue.fromL(java.util.stream.StreamSupport.stream(v.spliterator(), false)
                .map(x -> AttributeValue.fromS(x.asText())).toList())
            : AttributeValue.fromS(v.toString()); // soketi keeps Webhooks as a JSON string
      };
      item.put(c.attribute(f), a);
    }
    return item;
  }
}
