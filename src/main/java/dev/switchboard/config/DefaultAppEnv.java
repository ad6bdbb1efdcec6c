package dev.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.AppException;
import dev.switchboard.app.AppField;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The default app (soketi's {@code app-id}/{@code app-key}/{@code app-secret}) from the environment:
 * {@code SOKETI_DEFAULT_APP_X}, {@code SOCKUDO_DEFAULT_APP_X} and {@code SWITCHBOARD_DEFAULT_APP_X} set its
 * field X (in any peer's spelling, later prefixes winning), plus Sockudo's {@code SOCKUDO_ENABLE_CLIENT_MESSAGES}.
 * Each value is checked here so an error names the variable.
 */
final class DefaultAppEnv {
  private static final String[] PREFIXES = {"SOKETI_DEFAULT_APP_", "SOCKUDO_DEFAULT_APP_",
      "SWITCHBOARD_DEFAULT_APP_"};
  private static final String APPS = "app_manager.array.apps";
  /** Sockudo variables outside its prefix that set a default-app field. */
  private static final Map<String, String> EXTRA = Map.of("SOCKUDO_ENABLE_CLIENT_MESSAGES", "enable_client_messages");

  private DefaultAppEnv() {}

  /**
   * Adds the default app when no apps are configured or when a SOCKUDO_ or SWITCHBOARD_ *_DEFAULT_APP_ID
   * variable names it (then it replaces a configured app with that id). soketi's variables are its dot-paths
   * into app 0 ({@code appManager.array.apps.0.*}), so with apps listed in the file they amend the first one,
   * as soketi applies them. When the config only amended app 0 with soketi's indexed keys
   * ({@code appManager.array.apps.0.enableClientMessages}), that app is soketi's default app with those fields
   * changed, as soketi's dot-path setter leaves it; the variables still apply on top.
   */
  static void apply(Map<String, String> env, ConfigTree tree, Function<String, JsonNode> envValue) {
    ArrayNode apps = tree.array(APPS);
    ObjectNode soketi = fields(env, PREFIXES[0], envValue);
    ObjectNode others = fields(env, PREFIXES[1], envValue).setAll(fields(env, PREFIXES[2], envValue));
    if (tree.createdByIndex(APPS) && apps.get(0) instanceof ObjectNode amended) {
      apps.set(0, amend(amend(amend(defaults(), amended), soketi), others));
      return;
    }
    if (!apps.isEmpty() && !soketi.isEmpty() && apps.get(0) instanceof ObjectNode first) {
      apps.set(0, amend(first, soketi));
      soketi.removeAll();
    }
    if (!apps.isEmpty() && !others.has(AppField.ID.column())) {
      return;
    }
    ObjectNode app = amend(amend(defaults(), soketi), others);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    String id = app.get("id").asText();
    apps.forEach(a -> {
      if (!id.equals(a.path("id").asText())) {
        out.add(a);
      }
    });
    out.add(app);
    tree.set(APPS, out);
  }

  /** The app fields the variables under {@code prefix} set, by their canonical names; values checked. */
  private static ObjectNode fields(Map<String, String> env, String prefix, Function<String, JsonNode> envValue) {
    Map<String, String> fields = new TreeMap<>(); // env name → field, in a stable order
    env.keySet().stream().filter(k -> k.startsWith(prefix) && k.length() > prefix.length())
        .forEach(k -> fields.put(k, k.substring(prefix.length()).toLowerCase(Locale.ROOT)));
    if (prefix.startsWith("SOCKUDO_")) {
      EXTRA.forEach((k, field) -> {
        if (env.containsKey(k)) {
          fields.put(k, field);
        }
      });
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      AppField f = field(e.getKey(), e.getValue());
      out.set(f.column(), value(f, e.getKey(), envValue.apply(env.get(e.getKey()))));
    }
    return out;
  }

  /** {@code app} with {@code changes} set over it, a field given in any spelling replacing any other. */
  private static ObjectNode amend(ObjectNode app, ObjectNode changes) {
    ObjectNode out = app.deepCopy();
    changes.properties().forEach(e -> {
      String name = canonical(e.getKey());
      java.util.List<String> same = new java.util.ArrayList<>();
      out.fieldNames().forEachRemaining(n -> {
        if (canonical(n).equals(name)) {
          same.add(n);
        }
      });
      out.remove(same);
      out.set(name, e.getValue());
    });
    return out;
  }

  private static String canonical(String field) {
    return AppField.of(field).map(AppField::column).orElse(field);
  }

  /** soketi's default app: the three fields every app needs, everything else at the server defaults. */
  private static ObjectNode defaults() {
    return JsonNodeFactory.instance.objectNode().put("id", "app-id").put("key", "app-key").put("secret", "app-secret");
  }

  private static AppField field(String envName, String field) {
    return AppField.of(field).orElseThrow(() -> new ConfigException("invalid config " + envName
        + ": " + field + " is not an app field (expected one of "
        + java.util.Arrays.stream(AppField.values()).map(AppField::column).toList() + ")"));
  }

  private static JsonNode value(AppField f, String envName, JsonNode raw) {
    try {
      return f.value(raw);
    } catch (AppException e) {
      throw ConfigException.invalid(envName, raw, switch (f.kind()) {
        case BOOL -> "true or false";
        case INT -> "an integer (-1 for unlimited)";
        case SIZE -> "a number of KB, decimals allowed (-1 for unlimited)";
        case JSON -> "a JSON array";
        case TEXT -> "text";
      });
    }
  }
}
