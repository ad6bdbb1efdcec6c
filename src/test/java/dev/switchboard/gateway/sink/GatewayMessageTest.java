package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayMessageTest {
  @Test
  void theEnvelopeHasTheAttributesInOrderANumericTimestampAndTheBodyAsItIs() {
    GatewayMessage m = GatewayMessage.of("{\"b\": [1, \"\\u00e9\"]}", "gateway.route.send", "u\"1", "c1", "a1",
        1_700_000_000_123L);
    assertEquals("{\"source\":\"gateway.route.send\",\"user_id\":\"u\\\"1\",\"connection_id\":\"c1\","
        + "\"app_id\":\"a1\",\"timestamp\":1700000000123,\"message\":{\"b\": [1, \"\\u00e9\"]}}", m.envelope());
  }

  @Test
  void attributesKeepTheirOrderAndCannotBeChanged() {
    GatewayMessage m = GatewayMessage.of("{}", "s", "u", "c", "a", 5);
    assertEquals(List.of("source", "user_id", "connection_id", "app_id", "timestamp"),
        List.copyOf(m.attributes().keySet()));
    assertEquals("5", m.attribute("timestamp"));
    assertEquals("", m.attribute("missing"));
    assertThrows(UnsupportedOperationException.class, () -> m.attributes().put("x", "y"));
  }

  @Test
  void aTimestampThatIsNotAnIntegerStaysAString() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("timestamp", "soon");
    assertEquals("{\"timestamp\":\"soon\",\"message\":null}", new GatewayMessage("null", a).envelope());
  }

  @Test
  void nullBodiesAndAttributeValuesAreRefused() {
    assertThrows(NullPointerException.class, () -> new GatewayMessage(null, Map.of()));
    Map<String, String> a = new LinkedHashMap<>();
    a.put("user_id", null);
    assertThrows(NullPointerException.class, () -> new GatewayMessage("{}", a));
  }
}
