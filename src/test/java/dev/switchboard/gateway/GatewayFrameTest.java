package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GatewayFrameTest {
  @Test
  void theMessageReachesTheBackendAsTheClientWroteIt() {
    String message = "{ \"text\" : \"hi \\u00e9\", \"p\": 0.1000000000000000055511151231257827, \"big\": 1e400,"
        + " \"n\": 1.50, \"list\": [1, {\"a\": null}] }";
    GatewayFrame f = GatewayFrame.parse("{\"action\":\"send\", \"message\": " + message + " }", "action");
    assertTrue(f.object());
    assertEquals("send", f.action());
    assertEquals(message, f.message());
  }

  @Test
  void scalarMessagesAndAnyMemberOrderWork() {
    assertEquals("\"x\\\"y\"", GatewayFrame.parse("{\"message\":\"x\\\"y\",\"action\":\"send\"}", "action").message());
    assertEquals("42", GatewayFrame.parse("{\"action\":\"send\",\"message\":42}", "action").message());
    assertNull(GatewayFrame.parse("{\"action\":\"send\"}", "action").message());
  }

  @Test
  void theRouteKeyIsConfigurableAndMustBeAString() {
    assertEquals("go", GatewayFrame.parse("{\"type\":\"go\",\"action\":\"no\"}", "type").action());
    assertNull(GatewayFrame.parse("{\"action\":7}", "action").action());
    assertNull(GatewayFrame.parse("{\"action\":{\"name\":\"send\"}}", "action").action());
  }

  @Test
  void anythingButOneJsonObjectIsNotAnObject() {
    for (String text : new String[] {"", "not json", "[1,2]", "\"send\"", "{\"action\":\"send\"} trailing",
        "{\"action\":\"send\"", "{\"action\":\"send\"}{}", "null"}) {
      GatewayFrame f = GatewayFrame.parse(text, "action");
      assertFalse(f.object(), text);
      assertNull(f.action(), text);
    }
  }
}
