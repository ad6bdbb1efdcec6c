package dev.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The merged configuration as one JSON tree addressed by dotted paths ({@code app_manager.cache.ttl}).
 * Every source (file, soketi dot-keys, environment) writes into it; typed readers validate on the way
 * out and name the key in their error.
 */
public final class ConfigTree {
  private final ObjectNode root;
  /** path → the env variable or file key that set it, where that differs from the path. */
  private final java.util.Map<String, String> labels = new java.util.HashMap<>();

  public ConfigTree(ObjectNode root) {
    this.root = root;
  }

  public static ConfigTree empty() {
    return new ConfigTree(JsonNodeFactory.instance.objectNode());
  }

  public ObjectNode root() {
    return root;
  }

  /** The node at {@code path}, or null when absent. */
  public JsonNode node(String path) {
    JsonNode cur = root;
    for (String part : path.split("\\.")) {
      if (cur == null || !cur.isObject()) {
        return null;
      }
      cur = cur.get(part);
    }
    return cur == null || cur.isNull() ? null : cur;
  }

  /** Sets {@code path} as {@link #set(String, JsonNode)} does, remembering that {@code label} set it. */
  public void set(String path, JsonNode value, String label) {
    set(path, value);
    if (!label.equals(path)) {
      labels.put(path, label);
    }
  }

  /** The env variable or file key that set {@code path}, or the path itself. */
  public String label(String path) {
    return labels.getOrDefault(path, path);
  }

  /** Sets {@code path} to {@code value}, creating intermediate objects. */
  public void set(String path, JsonNode value) {
    labels.remove(path);
    String[] parts = path.split("\\.");
    ObjectNode cur = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = cur.get(parts[i]);
      if (!(next instanceof ObjectNode)) {
        next = cur.putObject(parts[i]);
      }
      cur = (ObjectNode) next;
    }
    cur.set(parts[parts.length - 1], value);
  }

  public String string(String path, String def) {
    JsonNode n = node(path);
    if (n == null) {
      return def;
    }
    if (!n.isValueNode()) {
      throw ConfigException.invalid(path, n, "a string");
    }
    return n.asText();
  }

  public int integer(String path, int def) {
    long v = longValue(path, def);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw ConfigException.invalid(path, v, "an integer within 32 bits");
    }
    return (int) v;
  }

  public long longValue(String path, long def) {
    JsonNode n = node(path);
    return n == null ? def : parseLong(path, n);
  }

  /** An integer as a JSON number (without fraction) or numeric text; the error names {@code key}. */
  public static long parseLong(String key, JsonNode n) {
    if (n.isIntegralNumber()) {
      return n.asLong();
    }
    if (n.isNumber() && n.asDouble() == Math.rint(n.asDouble())) {
      return (long) n.asDouble();
    }
    if (n.isTextual()) {
      String s = n.asText().trim();
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw ConfigException.invalid(key, "\"" + s + "\"", "an integer");
      }
    }
    throw ConfigException.invalid(key, n, "an integer");
  }

  public boolean bool(String path, boolean def) {
    JsonNode n = node(path);
    if (n == null) {
      return def;
    }
    return parseBool(path, n);
  }

  /** Accepts JSON booleans, 0/1 and the strings true/false/1/0/yes/no. */
  public static boolean parseBool(String key, JsonNode n) {
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isNumber()) {
      return n.asInt() != 0;
    }
    if (n.isTextual()) {
      switch (n.asText().trim().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "1", "yes", "on" -> {
          return true;
        }
        case "false", "0", "no", "off", "" -> {
          return false;
        }
        default -> {}
      }
    }
    throw ConfigException.invalid(key, n, "true or false");
  }

  public ArrayNode array(String path) {
    JsonNode n = node(path);
    if (n == null) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!n.isArray()) {
      throw ConfigException.invalid(path, abbreviate(n), "a JSON array");
    }
    return (ArrayNode) n;
  }

  static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
