package dev.switchboard.gateway.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One client frame for a backend: the frame's {@code message} JSON text, exactly as the client sent it, and
 * its attributes in this order: {@code source} ({@code gateway.route.<name>}), {@code user_id},
 * {@code connection_id}, {@code app_id}, {@code timestamp} (epoch milliseconds as a decimal string).
 *
 * @param body the {@code message} value as JSON text; the caller has parsed it, sinks send it unchanged
 * @param attributes kept in the given iteration order, unmodifiable; no null keys or values
 */
public record GatewayMessage(String body, Map<String, String> attributes) {
  public static final String SOURCE = "source";
  public static final String USER_ID = "user_id";
  public static final String CONNECTION_ID = "connection_id";
  public static final String APP_ID = "app_id";
  public static final String TIMESTAMP = "timestamp";
  private static final JsonFactory JSON = new JsonFactory();

  public GatewayMessage {
    Objects.requireNonNull(body, "body");
    Map<String, String> copy = new LinkedHashMap<>();
    attributes.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "attribute name"),
        Objects.requireNonNull(v, () -> "attribute " + k)));
    attributes = Collections.unmodifiableMap(copy);
  }

  /** A message with the five standard attributes, in their standard order. */
  public static GatewayMessage of(String body, String source, String userId, String connectionId, String appId,
      long timestampMs) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(SOURCE, source);
    a.put(USER_ID, userId);
    a.put(CONNECTION_ID, connectionId);
    a.put(APP_ID, appId);
    a.put(TIMESTAMP, Long.toString(timestampMs));
    return new GatewayMessage(body, a);
  }

  /** The attribute {@code name}, or {@code ""} when the message has none. */
  public String attribute(String name) {
    return attributes.getOrDefault(name, "");
  }

  /**
   * {@code {"source":..,"user_id":..,"connection_id":..,"app_id":..,"timestamp":<number>,"message":<body>}}
   * for consumers that want one object: the attributes in their order ({@code timestamp} as a JSON number when
   * it is an integer), then the body inserted as it is.
   */
  public String envelope() {
    StringWriter out = new StringWriter(body.length() + 160);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, String> a : attributes.entrySet()) {
        g.writeFieldName(a.getKey());
        Long n = TIMESTAMP.equals(a.getKey()) ? number(a.getValue()) : null;
        if (n != null) {
          g.writeNumber(n);
        } else {
          g.writeString(a.getValue());
        }
      }
      g.writeFieldName("message");
      g.writeRawValue(body);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static Long number(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
