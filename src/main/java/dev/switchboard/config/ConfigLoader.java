package dev.switchboard.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
  private static final String[] DEFAULT_APP_PREFIXES = {"SOKETI_DEFAULT_APP_", "SOCKUDO_DEFAULT_APP_",
      "SWITCHBOARD_DEFAULT_APP_"};

  private ConfigLoader() {}

  public static ServerConfig load(Path file, Map<String, String> env) {
    ConfigTree tree = ConfigTree.empty();
    if (file != null) {
      readFile(file, tree);
    }
    applyEnv(env, tree);
    applyDefaultApp(env, tree);
    return ServerConfig.from(tree);
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
      if (e.getKey().contains(".") || !e.getKey().equals(e.getKey().toLowerCase(Locale.ROOT))) {
        tree.set(SoketiKeys.path(e.getKey()), e.getValue()); // soketi flat dot-key style
      } else if (e.getValue().isObject() && tree.node(e.getKey()) instanceof ObjectNode existing) {
        existing.setAll((ObjectNode) e.getValue());
      } else {
        tree.set(e.getKey(), e.getValue());
      }
    }
  }

  static void applyEnv(Map<String, String> env, ConfigTree tree) {
    for (Map.Entry<String, String> e : EnvAliases.all()) {
      String v = env.get(e.getKey());
      if (v != null) {
        tree.set(e.getValue(), envValue(v));
      }
    }
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

  /**
   * The default app (soketi's {@code app-id}/{@code app-key}/{@code app-secret}) exists when no apps are
   * configured, or when one of the *_DEFAULT_APP_ID variables names it; *_DEFAULT_APP_X sets its field X.
   */
  static void applyDefaultApp(Map<String, String> env, ConfigTree tree) {
    ArrayNode apps = tree.array("app_manager.array.apps");
    boolean named = false;
    ObjectNode app = JsonNodeFactory.instance.objectNode();
    app.put("id", "app-id").put("key", "app-key").put("secret", "app-secret");
    for (String prefix : DEFAULT_APP_PREFIXES) {
      for (Map.Entry<String, String> e : env.entrySet()) {
        if (e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length()) {
          String field = e.getKey().substring(prefix.length()).toLowerCase(Locale.ROOT);
          app.set(field, envValue(e.getValue()));
          named |= field.equals("id");
        }
      }
    }
    if (!apps.isEmpty() && !named) {
      return;
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    String id = app.get("id").asText();
    apps.forEach(a -> {
      if (!id.equals(a.path("id").asText())) {
        out.add(a);
      }
    });
    out.add(app);
    tree.set("app_manager.array.apps", out);
  }
}
