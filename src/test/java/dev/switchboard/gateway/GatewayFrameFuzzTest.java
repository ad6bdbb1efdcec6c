package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.fuzz.FuzzInput;

/**
 * The gateway's two inputs from outside: client frames ({@link GatewayFrame}, never throws: anything not a
 * JSON object goes to {@code $default}) and backend notifications ({@link GatewayNotification}, a result or
 * {@link GatewayNotification.Malformed}). Both cut JSON members out of the text instead of re-encoding them, so
 * each cut is checked to be exactly one JSON value, the same value a full parse of the text finds there.
 */
class GatewayFrameFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest
  void clientFrame(byte[] data) {
    String text = FuzzInput.text(data);
    GatewayFrame f = GatewayFrame.parse(text, "action");
    assertNotNull(f);
    if (!f.object()) {
      return;
    }
    JsonNode whole = readOrNull(text);
    assertNotNull(whole, "a frame taken as an object parses as JSON");
    if (f.message() != null) {
      assertEquals(whole.get("message"), readOrNull(f.message()), "the message cut out is the member's value");
    }
    if (f.action() != null) {
      assertTrue(text.contains("action"));
    }
  }

  @FuzzTest
  void notification(byte[] data) {
    String text = FuzzInput.text(data);
    GatewayNotification n;
    try {
      n = GatewayNotification.parse(text);
    } catch (GatewayNotification.Malformed refused) {
      assertNotNull(refused.getMessage());
      return;
    }
    assertNotNull(readOrNull(n.data()), "data is one JSON value");
    n.users().forEach(u -> assertFalse(u.isEmpty()));
    n.excluded().forEach(u -> assertFalse(u.isEmpty()));
  }

  /** The value the whole text holds, or null when Jackson's tree reader refuses it. */
  private static JsonNode readOrNull(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      return null;
    }
  }
}
