package dev.switchboard.gateway.sink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One sink's config object under its path ({@code gateway.routes.send.sink}), read field by field by the
 * factory and its driver. Every error is a {@link ConfigException} naming {@code path.field}, the value (URLs
 * with their credentials hidden) and what was expected; {@link #rejectUnknown} then catches misspelt fields.
 */
public final class SinkConfig {
  private final String key;
  private final JsonNode node;
  private final Set<String> read = new HashSet<>();

  public SinkConfig(String key, JsonNode node) {
    if (node == null || !node.isObject()) {
      throw ConfigException.invalid(key, node, "a JSON object with a \"driver\" field");
    }
    this.key = key;
    this.node = node;
  }

  /** The config path of this sink, for messages. */
  public String key() {
    return key;
  }

  /** The config path of one of its fields. */
  public String path(String field) {
    return key + "." + field;
  }

  /** The field's node, or null when absent or JSON null. */
  public JsonNode node(String field) {
    read.add(field);
    JsonNode n = node.get(field);
    return n == null || n.isNull() ? null : n;
  }

  /** A string field, or {@code def} when absent; a null {@code def} makes it required. */
  public String string(String field, String def) {
    JsonNode n = node(field);
    if (n == null || n.isTextual() && n.asText().isBlank()) {
      if (def == null) {
        throw ConfigException.invalid(path(field), n == null ? "(missing)" : n, "a non-empty string");
      }
      return def;
    }
    if (!n.isTextual()) {
      throw ConfigException.invalid(path(field), n, "a string");
    }
    return n.asText().trim();
  }

  /** A required name matching {@code pattern} (a queue, stream, subject or channel name). */
  public String name(String field, String pattern, String expected) {
    String s = string(field, null);
    if (!s.matches(pattern)) {
      throw ConfigException.invalid(path(field), s, expected);
    }
    return s;
  }

  /** A URL with one of {@code schemes}, and a host; {@code def} as for {@link #string}. */
  public URI url(String field, String def, Set<String> schemes) {
    String s = string(field, def);
    String expected = "a URL with a host and scheme " + String.join(" or ", schemes);
    try {
      URI u = new URI(s);
      if (u.getScheme() == null || !schemes.contains(u.getScheme().toLowerCase(java.util.Locale.ROOT))
          || u.getHost() == null) {
        throw ConfigException.invalid(path(field), redacted(s), expected);
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw ConfigException.invalid(path(field), redacted(s), expected);
    }
  }

  /** An integer from {@code min} to {@code max}, or {@code def} when absent. */
  public long integer(String field, long def, long min, long max) {
    JsonNode n = node(field);
    long v = n == null ? def : ConfigTree.parseLong(path(field), n);
    if (v < min || v > max) {
      throw ConfigException.invalid(path(field), v, "a number from " + min + " to " + max);
    }
    return v;
  }

  public boolean bool(String field, boolean def) {
    JsonNode n = node(field);
    return n == null ? def : ConfigTree.parseBool(path(field), n);
  }

  /** An object of string values ({@code "headers": {...}}), in its order; empty when absent. */
  public Map<String, String> stringMap(String field) {
    JsonNode n = node(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null) {
      return out;
    }
    if (!n.isObject()) {
      throw ConfigException.invalid(path(field), n, "a JSON object of strings");
    }
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw ConfigException.invalid(path(field) + "." + e.getKey(), e.getValue(), "a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** Fails on the first field nobody read: a typo would otherwise be silently ignored. */
  public void rejectUnknown() {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!read.contains(e.getKey())) {
        throw ConfigException.invalid(path(e.getKey()), "(unknown field)", "one of " + new java.util.TreeSet<>(read));
      }
    }
  }

  /** {@code url} with its user-info replaced by {@code ***}, for messages and logs. */
  public static String redacted(String url) {
    return dev.switchboard.logging.LogSafe.url(url);
  }
}
