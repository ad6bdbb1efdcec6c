package dev.switchboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.AppAdmin;
import dev.switchboard.app.AppException;
import dev.switchboard.app.AppField;
import dev.switchboard.app.AppSecrets;
import dev.switchboard.app.AppStores;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code switchboard apps list|show|create|update|delete}: manages the apps of the configured store (the
 * same config file and environment as {@code start}), so no third-party panel is needed. Prints JSON
 * definitions; exit code 0 on success, 1 when the store refuses (unknown id, duplicate key, unreachable), 2 on
 * a usage or config error.
 */
final class AppsCommand {
  static final String USAGE = """
      usage: switchboard apps list [--config FILE]
             switchboard apps show ID
             switchboard apps create [--id ID] [--key KEY] [--secret SECRET] [--FIELD VALUE ...] [--json JSON]
             switchboard apps update ID [--FIELD VALUE ...] [--json JSON]
             switchboard apps delete ID
      FIELD is any app field (max-connections, enable-client-messages, webhooks ...); VALUE null unsets it.""";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> COMMANDS = List.of("list", "show", "create", "update", "delete");
  private final PrintStream out;
  private final PrintStream err;

  AppsCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs one command; returns the exit code. */
  int run(List<String> args, Map<String, String> env) {
    Path config = null;
    String json = null;
    List<String> positional = new ArrayList<>();
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    try {
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (!a.startsWith("--")) {
          positional.add(a);
          continue;
        }
        String name = a.substring(2);
        String value;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          return usage("missing value for " + a);
        }
        switch (name) {
          case "config" -> config = Path.of(value);
          case "json" -> json = value;
          default -> fields.set(name, text(name, value));
        }
      }
      if (positional.isEmpty()) {
        return usage("missing command");
      }
      if (positional.get(0).equals("help")) {
        out.println(USAGE);
        return 0;
      }
      if (!COMMANDS.contains(positional.get(0))) {
        return usage("unknown command apps " + positional.get(0));
      }
      ObjectNode given = json == null ? JsonNodeFactory.instance.objectNode() : parseObject(json);
      given.setAll(fields);
      ServerConfig cfg = ConfigLoader.load(config, env);
      return execute(cfg, positional, AppField.definition(given));
    } catch (ConfigException e) {
      return fail(2, e.getMessage());
    } catch (AppException e) {
      return fail(2, e.getMessage());
    }
  }

  private static JsonNode text(String name, String value) {
    if (AppField.of(name).isEmpty()) {
      throw new AppException("unknown option --" + name);
    }
    return value.equals("null") ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(value);
  }

  private static ObjectNode parseObject(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      if (n instanceof ObjectNode o) {
        return o;
      }
    } catch (java.io.IOException e) {
      // reported below
    }
    throw new AppException("--json must be a JSON object");
  }

  private int execute(ServerConfig cfg, List<String> pos, ObjectNode given) {
    String cmd = pos.get(0);
    String id = pos.size() > 1 ? pos.get(1) : null;
    if (!cmd.equals("list") && !cmd.equals("create") && id == null) {
      return usage("apps " + cmd + " needs an app id");
    }
    boolean writes = cmd.equals("create") || cmd.equals("update") || cmd.equals("delete");
    if (writes && !AppSecrets.writableDriver(cfg.appManagerDriver())) {
      // the memory store lives in this process only: a "success" here would change nothing the server sees
      return fail(2, "apps " + cmd + " needs a database app store (app_manager.driver is memory): edit"
          + " app_manager.array.apps in the config file instead");
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
    try {
      AppStores.Opened store = AppStores.open(vertx, cfg);
      AppAdmin admin = store.admin();
      try {
        Future<?> result = switch (cmd) {
          case "list" -> admin.list().map(this::printList);
          case "show" -> admin.get(id).map(d -> print(d.orElseThrow(() -> new AppException("no app with id " + id))));
          case "create" -> admin.create(AppSecrets.fillIn(given, id)).map(this::print);
          case "update" -> admin.update(id, given).map(this::print);
          case "delete" -> admin.delete(id).map(gone -> {
            if (!gone) {
              throw new AppException("no app with id " + id);
            }
            out.println("deleted " + id);
            return null;
          });
          default -> throw new IllegalStateException(cmd); // checked in run()
        };
        result.await(60, TimeUnit.SECONDS);
        return 0;
      } finally {
        store.store().close().await(10, TimeUnit.SECONDS);
      }
    } catch (ConfigException e) {
      return fail(2, e.getMessage());
    } catch (Exception e) {
      return fail(1, e instanceof AppException ? e.getMessage() : String.valueOf(e.getMessage()));
    } finally {
      vertx.close();
    }
  }

  private Void print(JsonNode d) {
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(d));
    } catch (java.io.IOException e) {
      throw new AppException(e.getMessage());
    }
    return null;
  }

  private Void printList(List<ObjectNode> apps) {
    out.printf("%-24s %-24s %s%n", "ID", "KEY", "ENABLED");
    for (ObjectNode a : apps) {
      out.printf("%-24s %-24s %s%n", a.path("id").asText(), a.path("key").asText(), a.path("enabled").asText("true"));
    }
    return null;
  }

  private int usage(String why) {
    return fail(2, why + " (switchboard apps help shows the usage)");
  }

  /** One line on stderr, so scripts can show it as it is. */
  private int fail(int code, String line) {
    err.println("switchboard: " + line);
    return code;
  }
}
