package dev.switchboard.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * {@code log.format=json}: one JSON object per line with fixed field names, for log shippers. {@code ts}
 * (ISO-8601 UTC with milliseconds), {@code level}, {@code logger}, {@code msg}, then the event's key-value
 * pairs in the order the call added them ({@code app_id}, {@code socket_id}, {@code channel}, {@code user_id},
 * {@code *_ms}, {@code *_bytes}...; numbers stay numbers), then MDC entries, then {@code error} (exception
 * class and message) and {@code stack} when an exception was logged. A key that would shadow a fixed field
 * gets a trailing underscore.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Set<String> FIXED = Set.of("ts", "level", "logger", "msg", "error", "stack");

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent e) {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"ts\":\"");
    TS.formatTo(java.time.Instant.ofEpochMilli(e.getTimeStamp()), b);
    b.append('"');
    field(b, "level", e.getLevel().toString());
    field(b, "logger", e.getLoggerName());
    field(b, "msg", e.getFormattedMessage());
    if (e.getKeyValuePairs() != null) {
      for (KeyValuePair kv : e.getKeyValuePairs()) {
        extra(b, String.valueOf(kv.key), kv.value);
      }
    }
    Map<String, String> mdc = e.getMDCPropertyMap();
    if (mdc != null) {
      mdc.forEach((k, v) -> extra(b, k, v));
    }
    IThrowableProxy t = e.getThrowableProxy();
    if (t != null) {
      field(b, "error", t.getMessage() == null ? t.getClassName() : t.getClassName() + ": " + t.getMessage());
      field(b, "stack", ThrowableProxyUtil.asString(t));
    }
    b.append("}\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void field(StringBuilder b, String name, Object value) {
    b.append(',');
    JsonText.quote(b, name);
    b.append(':');
    JsonText.value(b, value);
  }

  /** The event's own fields first; a key-value or MDC entry named like one of them is renamed. */
  private static void extra(StringBuilder b, String name, Object value) {
    field(b, FIXED.contains(name) ? name + "_" : name, value);
  }
}
