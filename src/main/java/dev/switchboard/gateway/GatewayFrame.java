package dev.switchboard.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * One client frame as the router needs it: whether it is a JSON object, its route key's value, and the
 * {@code message} member exactly as the client wrote it. The message is cut out of the text, not parsed and
 * written again, so a backend gets the client's bytes (numbers such as {@code 1.50} or {@code 1e400} keep
 * their form). One streaming pass; nothing is built for members the router does not read.
 *
 * @param object whether the frame is a JSON object (anything else can only go to {@code $default})
 * @param action the route key's value when it is a string, else null
 * @param message the {@code message} member's JSON text, or null when absent
 */
record GatewayFrame(boolean object, String action, String message) {
  private static final JsonFactory JSON = new JsonFactory();
  private static final GatewayFrame NOT_AN_OBJECT = new GatewayFrame(false, null, null);

  static GatewayFrame parse(String text, String routeKey) {
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return NOT_AN_OBJECT;
      }
      String action = null;
      String message = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("message")) {
          message = GatewayJson.raw(p, text, value);
        } else {
          if (value.isScalarValue()) {
            p.finishToken();
          } else {
            p.skipChildren();
          }
          if (name.equals(routeKey)) {
            action = value == JsonToken.VALUE_STRING ? p.getText() : null;
          }
        }
      }
      // the whole text must be one valid object: read to the end so trailing garbage is refused too
      return p.nextToken() == null ? new GatewayFrame(true, action, message) : NOT_AN_OBJECT;
    } catch (IOException | RuntimeException e) {
      return NOT_AN_OBJECT;
    }
  }
}
