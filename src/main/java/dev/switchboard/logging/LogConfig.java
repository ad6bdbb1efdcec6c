package dev.switchboard.logging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import dev.switchboard.config.EnvAliases;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code log.*} settings: {@code log.format} ({@code human}, the default, or {@code json}), {@code
 * log.level} (the root level, default {@code info}) and {@code log.levels} (logger or package name → level,
 * given as a JSON object or as {@code name=level,name=level} text). Every value is checked here, so a typo
 * stops start-up with one line naming the key instead of silently logging at another level.
 *
 * @param levels logger name → lower-case level, in the order given
 */
public record LogConfig(String format, String level, Map<String, String> levels) {
  public static final List<String> FORMATS = List.of("human", "json");
  static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

  public LogConfig {
    levels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(levels));
  }

  /** Adds SWITCHBOARD_LOG_FORMAT (and Sockudo's LOG_OUTPUT_FORMAT), SWITCHBOARD_LOG_LEVEL, SWITCHBOARD_LOG_LEVELS. */
  public static void registerEnv() {
    EnvAliases.register("log.format", "LOG_OUTPUT_FORMAT");
    EnvAliases.register("log.level");
    EnvAliases.register("log.levels");
  }

  /** Reads and checks {@code log.*}; errors name the key as the user wrote it (file key or env variable). */
  public static LogConfig from(ConfigTree t) {
    try {
      String format = t.string("log.format", "human").trim().toLowerCase(Locale.ROOT);
      if (format.equals("text")) {
        format = "human"; // Sockudo's name for it
      }
      if (!FORMATS.contains(format)) {
        throw ConfigException.invalid("log.format", format, "human (or text) or json");
      }
      String level = checkLevel("log.level", t.string("log.level", "info"));
      return new LogConfig(format, level, levels(t));
    } catch (ConfigException e) {
      throw e.relabel(t::label);
    }
  }

  private static Map<String, String> levels(ConfigTree t) {
    JsonNode n = t.node("log.levels");
    String key = t.label("log.levels");
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null) {
      return out;
    }
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        String v = e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
        out.put(name(key, e.getKey()), checkLevel(key + "[" + e.getKey() + "]", v));
      }
      return out;
    }
    if (!n.isTextual()) {
      throw ConfigException.invalid(key, n, "an object of logger name to level, or name=level,name=level");
    }
    for (String pair : n.asText().split("[,;\\s]+")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw ConfigException.invalid(key, "\"" + pair + "\"", "name=level pairs separated by commas");
      }
      String logger = pair.substring(0, eq);
      out.put(name(key, logger), checkLevel(key + "[" + logger + "]", pair.substring(eq + 1)));
    }
    return out;
  }

  private static String name(String key, String logger) {
    if (logger.isBlank()) {
      throw ConfigException.invalid(key, "\"\"", "a logger or package name before each level");
    }
    return logger.trim();
  }

  private static String checkLevel(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(v)) {
      throw ConfigException.invalid(key, "\"" + value + "\"", "one of " + String.join(", ", LEVELS));
    }
    return v;
  }
}
