package dev.switchboard.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Merges the config sources in order: the JSON file (our nested tree, or soketi's flat dot-keys), then
 * environment variables, then the default app. Defaults live in {@link ServerConfig#from}.
 */
public final class ConfigLoader {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Sockudo's top-level file keys in seconds, and the millisecond paths they set. */
  private static final Map<String, String> SECONDS_KEYS = Map.of(
      "shutdown_grace_period", "shutdown_grace_period_ms",
      "user_authentication_timeout", "user_authentication_timeout_ms");

  private ConfigLoader() {}

  public static ServerConfig load(Path file, Map<String, String> env) {
    return load(file, env, ConfigTree.empty());
  }

  /** {@link #load(Path, Map)} into {@code tree} (a test's, recording what is read). */
  static ServerConfig load(Path file, Map<String, String> env, ConfigTree tree) {
    if (file != null) {
      readFile(file, tree);
    }
    applyEnv(env, tree);
    DefaultAppEnv.apply(env, tree, ConfigLoader::envValue);
    try {
      return ServerConfig.from(tree);
    } catch (ConfigException e) {
      throw e.relabel(tree::label);
    }
  }

  static void readFile(Path file, ConfigTree tree) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new ConfigException("invalid config file " + file + ": malformed JSON at line "
          + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("invalid config file " + file + ": expected a JSON object");
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (SECONDS_KEYS.containsKey(e.getKey())) {
        setSeconds(tree, SECONDS_KEYS.get(e.getKey()), e.getKey(), e.getValue());
      } else if (e.getKey().contains(".") || !e.getKey().equals(e.getKey().toLowerCase(Locale.ROOT))) {
        tree.set(SoketiKeys.path(e.getKey()), e.getValue(), e.getKey()); // soketi flat dot-key style
        tree.markSoketiForm();
      } else if (e.getValue().isObject() && tree.root().get(e.getKey()) instanceof ObjectNode existing) {
        existing.setAll((ObjectNode) e.getValue());
      } else {
        tree.set(e.getKey(), e.getValue());
      }
    }
  }

  static void applyEnv(Map<String, String> env, ConfigTree tree) {
    if (env.keySet().stream().anyMatch(k -> k.startsWith("SOKETI_"))) {
      tree.markSoketiForm();
    }
    for (Map.Entry<String, String> e : EnvAliases.all()) {
      String v = env.get(e.getKey());
      if (v == null) {
        continue;
      }
      if (EnvAliases.inSeconds(e.getKey())) {
        setSeconds(tree, e.getValue(), e.getKey(), TextNode.valueOf(v.trim()));
      } else {
        tree.set(e.getValue(), envValue(v), e.getKey());
      }
    }
  }

  /** A Sockudo time setting in seconds stored at our millisecond path; errors name {@code label}. */
  private static void setSeconds(ConfigTree tree, String msPath, String label, JsonNode seconds) {
    long s = ConfigTree.parseLong(label, seconds);
    if (s < 0 || s > Integer.MAX_VALUE / 1000) {
      throw ConfigException.invalid(label, s, "a number of seconds from 0 to " + Integer.MAX_VALUE / 1000);
    }
    tree.set(msPath, com.fasterxml.jackson.databind.node.LongNode.valueOf(s * 1000), label + " (in ms)");
  }

  /** Env values that look like JSON arrays or objects are parsed so lists can be given in one variable. */
  private static JsonNode envValue(String v) {
    String s = v.trim();
    if (s.startsWith("[") || s.startsWith("{")) {
      try {
        return JSON.readTree(s);
      } catch (JsonProcessingException ignored) {
        // not JSON after all: keep the text
      }
    }
    return TextNode.valueOf(v);
  }
}
