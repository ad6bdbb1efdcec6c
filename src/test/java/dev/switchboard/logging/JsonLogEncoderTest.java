package dev.switchboard.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLogEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LoggerContext ctx = new LoggerContext();
  private final JsonLogEncoder encoder = new JsonLogEncoder();

  JsonLogEncoderTest() {
    ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
  }

  private LoggingEvent event(Level level, String msg, Throwable t, Object... args) {
    LoggingEvent e = new LoggingEvent("test", ctx.getLogger("dev.switchboard.webhook.Webhooks"), level, msg, t, args);
    e.setTimeStamp(1_767_225_600_123L); // 2026-01-01T00:00:00.123Z
    return e;
  }

  private static String line(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(s.endsWith("\n"), s);
    assertEquals(1, s.split("\n", -1).length - 1, "exactly one line: " + s);
    return s;
  }

  private JsonNode parse(LoggingEvent e) throws Exception {
    return JSON.readTree(line(encoder.encode(e)));
  }

  @Test
  void theFixedFieldsComeFirstWithAnIsoUtcTimestampInMilliseconds() throws Exception {
    JsonNode n = parse(event(Level.INFO, "queue {} ready", null, "memory"));
    assertEquals("2026-01-01T00:00:00.123Z", n.get("ts").asText());
    assertEquals("INFO", n.get("level").asText());
    assertEquals("dev.switchboard.webhook.Webhooks", n.get("logger").asText());
    assertEquals("queue memory ready", n.get("msg").asText());
    assertEquals(java.util.List.of("ts", "level", "logger", "msg"), iterableNames(n));
    assertFalse(n.has("error"));
  }

  @Test
  void keyValuesBecomeFieldsAndNumbersStayNumbers() throws Exception {
    LoggingEvent e = event(Level.WARN, "webhook failed", null);
    e.addKeyValuePair(new org.slf4j.event.KeyValuePair("app_id", "app-1"));
    e.addKeyValuePair(new org.slf4j.event.KeyValuePair("channel", "presence-room"));
    e.addKeyValuePair(new org.slf4j.event.KeyValuePair("retry_in_ms", 250L));
    e.addKeyValuePair(new org.slf4j.event.KeyValuePair("payload_bytes", 1024));
    e.addKeyValuePair(new org.slf4j.event.KeyValuePair("ratio", Double.NaN));
    e.addKeyValuePair(new org.slf4j.event.KeyValuePair("msg", "shadow"));
    JsonNode n = parse(e);
    assertEquals("app-1", n.get("app_id").asText());
    assertEquals("presence-room", n.get("channel").asText());
    assertTrue(n.get("retry_in_ms").isIntegralNumber());
    assertEquals(250, n.get("retry_in_ms").asInt());
    assertEquals(1024, n.get("payload_bytes").asInt());
    assertEquals("NaN", n.get("ratio").asText(), "not a JSON number, so written as text");
    assertEquals("webhook failed", n.get("msg").asText());
    assertEquals("shadow", n.get("msg_").asText(), "a key named like a fixed field is renamed");
  }

  @Test
  void anyMessageIsEscapedIntoValidJson() throws Exception {
    String nasty = "quote \" backslash \\ newline \n cr \r tab \t nul \0 bell \u0007 del \u007f ls \u2028 "
        + "émoji 😀 ünïcødé 中文 lone \ud800 end";
    JsonNode n = parse(event(Level.INFO, nasty, null));
    assertEquals(nasty.replace('\ud800', '\ufffd'), n.get("msg").asText());
    String raw = line(encoder.encode(event(Level.INFO, nasty, null)));
    assertTrue(raw.contains("😀") && raw.contains("中文"), "non-ASCII is written as UTF-8, not escaped: " + raw);
    assertFalse(raw.substring(0, raw.length() - 1).chars().anyMatch(c -> c < 0x20), "no raw control character");
  }

  @Test
  void anExceptionGivesErrorAndStack() throws Exception {
    IllegalStateException boom = new IllegalStateException("bad \"state\"\nsecond line",
        new java.io.IOException("root cause"));
    JsonNode n = parse(event(Level.ERROR, "request {} failed", boom, "/apps/1/events"));
    assertEquals("request /apps/1/events failed", n.get("msg").asText());
    assertEquals("java.lang.IllegalStateException: bad \"state\"\nsecond line", n.get("error").asText());
    String stack = n.get("stack").asText();
    assertTrue(stack.contains("at dev.switchboard.logging.JsonLogEncoderTest"), stack);
    assertTrue(stack.contains("Caused by: java.io.IOException: root cause"), stack);
    JsonNode noMessage = parse(event(Level.ERROR, "x", new NullPointerException()));
    assertEquals("java.lang.NullPointerException", noMessage.get("error").asText());
  }

  @Test
  void aNullMessageAndMdcEntriesAreWritten() throws Exception {
    LoggingEvent e = event(Level.DEBUG, null, null);
    e.setMDCPropertyMap(java.util.Map.of("socket_id", "1.2"));
    JsonNode n = parse(e);
    assertTrue(n.get("msg").isNull());
    assertEquals("1.2", n.get("socket_id").asText());
  }

  private static java.util.List<String> iterableNames(JsonNode n) {
    java.util.List<String> names = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
