package dev.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.App;
import dev.switchboard.app.AppException;
import dev.switchboard.app.AppParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code app_manager.array.apps[]} and rejects duplicate ids and keys. A field that names no app field
 * is logged, not refused: Sockudo files may carry fields we do not use, but a typo should not pass unseen.
 */
final class ConfigApps {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConfigApps.class);

  private ConfigApps() {}

  private static void warnUnknownFields(String where, JsonNode app) {
    if (app != null && app.isObject()) {
      app.properties().forEach(e -> {
        if (dev.switchboard.app.AppField.of(e.getKey()).isEmpty()) {
          LOG.warn("{}: unknown app field {} is ignored", where, e.getKey());
        }
      });
    }
  }

  static List<App> parse(ConfigTree t, ServerLimits limits) {
    List<App> apps = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> keys = new HashSet<>();
    int i = 0;
    for (JsonNode n : t.array("app_manager.array.apps")) {
      String where = "app_manager.array.apps[" + i++ + "]";
      warnUnknownFields(where, n);
      App app;
      try {
        app = AppParser.parse(n, limits);
      } catch (AppException e) {
        throw new ConfigException("invalid config " + where + ": " + e.getMessage());
      }
      if (!ids.add(app.id())) {
        throw ConfigException.invalid(where + ".id", app.id(), "an id not used by another app");
      }
      if (!keys.add(app.key())) {
        throw ConfigException.invalid(where + ".key", app.key(), "a key not used by another app");
      }
      apps.add(app);
    }
    return apps;
  }
}
