package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.SwitchboardServer;
import dev.switchboard.app.store.cassandra.CassandraStoreConfig;
import dev.switchboard.app.store.dynamodb.DynamoDbStoreConfig;
import dev.switchboard.app.store.sql.SqlStoreConfig;
import dev.switchboard.queue.QueueConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md documents exactly the keys the code reads, and every environment variable.
 *
 * <p>How the keys are found: not by scanning the sources for string literals (sections compose their keys
 * from prefixes, e.g. {@code JwtConfig.from(t, "gateway.auth")} or {@code "database." + dialect}), but by
 * asking the code. {@link ConfigTree#recordReads} makes the tree remember every path read through it and the
 * class that read it; the test then
 * <ol>
 *   <li>starts the real server (port 0, loopback) on a config that turns on everything that runs without a
 *       remote service: the gateway and signaling endpoints, webhooks on the memory queue, metrics, the memory
 *       app store — so whatever the start-up path reads is recorded, including keys added later;</li>
 *   <li>calls the section readers of the drivers that would connect somewhere (SQL, DynamoDB and Cassandra
 *       app stores; Redis, NATS, RabbitMQ and SQS queues; the Redis URLs) on the same tree;</li>
 *   <li>checks that every main source file that touches the config tree was seen reading it, or is listed
 *       below as one that only passes the tree on. A new class that reads config and is reached by neither
 *       step fails here until its reader is called in {@link #readDriverSections}.</li>
 * </ol>
 * Keys read through a section's own JSON object (gateway route sinks, notification sources, app fields)
 * are documented in docs/gateway.md and docs/configuration.md#apps and are not checked here; nor are
 * variables the launcher reads.
 *
 * <p>Environment variables: every name {@link EnvAliases} maps (after every {@code registerEnv()} in the main
 * sources has run) must be in the Env cell of the row of the key it sets, and every name in an Env cell must
 * be one of them. See {@link ConfigDocTable} for how the tables are read.
 */
class ConfigDocTest {
  private static final Path DOC = Path.of("docs/configuration.md");
  /** Main files that mention the config tree without reading a key from it, and why. */
  private static final Map<String, String> NOT_READERS = Map.of(
      "dev.switchboard.config.ConfigTree", "the tree itself",
      "dev.switchboard.config.ConfigLoader", "writes the tree",
      "dev.switchboard.SwitchboardServer", "hands the tree to the section readers",
      "dev.switchboard.Switchboard", "hands the tree to LogConfig",
      "dev.switchboard.webhook.Webhooks", "hands it to QueueConfig and WebhookConfig",
      "dev.switchboard.queue.redis.RedisStreamJobQueue", "hands it to RedisQueueSettings",
      "dev.switchboard.queue.sqs.SqsJobQueue", "hands it to SqsQueueSettings",
      "dev.switchboard.gateway.sink.SinkConfig", "uses ConfigTree's value parsers on a sink's own object",
      "dev.switchboard.app.AppParser", "uses ConfigTree's value parsers on an app's own fields");

  private static ConfigTree tree;
  private static ConfigDocTable doc;

  @BeforeAll
  static void exercise() throws Exception {
    registerAllEnv();
    Path file = Files.createTempFile("switchboard-config-doc", ".json");
    Files.writeString(file, """
        {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":0,
         "metrics":{"enabled":true,"host":"127.0.0.1","port":0},
         "app_manager":{"driver":"memory","array":{"apps":[{"id":"doc-app","key":"doc-key","secret":"doc-secret",
           "webhooks":[{"url":"http://127.0.0.1:9/hook","event_types":["channel_occupied"]}]}]}},
         "gateway":{"enabled":true},
         "signaling":{"enabled":true}}
        """);
    tree = ConfigTree.empty();
    tree.recordReads();
    ServerConfig config;
    try {
      config = ConfigLoader.load(file, Map.of(), tree);
    } finally {
      Files.delete(file);
    }
    SwitchboardServer server = SwitchboardServer.start(config).await(20, TimeUnit.SECONDS);
    server.stop().await(20, TimeUnit.SECONDS);
    readDriverSections(config);
    doc = ConfigDocTable.read(DOC);
  }

  /**
   * Calls every {@code static void registerEnv()} in the main sources (sections that add their
   * {@code SWITCHBOARD_*} names, as {@code Switchboard.main} does for gateway and signaling), so the environment
   * check sees every name the server can read.
   */
  private static void registerAllEnv() throws Exception {
    Path main = Path.of("src/main/java");
    try (Stream<Path> files = Files.walk(main)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (Files.readString(f).contains("static void registerEnv()")) {
          String cls = main.relativize(f).toString().replace(".java", "").replace('/', '.');
          Method m = Class.forName(cls).getDeclaredMethod("registerEnv");
          m.setAccessible(true);
          m.invoke(null);
        }
      }
    }
  }

  /** The readers of drivers that cannot start here without a database or broker. */
  private static void readDriverSections(ServerConfig config) throws Exception {
    ConfigTree t = config.tree();
    SqlStoreConfig.from(t, "mysql");
    SqlStoreConfig.from(t, "postgres");
    DynamoDbStoreConfig.from(t);
    CassandraStoreConfig.from(t);
    call("dev.switchboard.app.AppStores", "negativeTtlSec", ServerConfig.class, config);
    RedisSettings.url(t, "adapter.redis.url");
    RedisSettings.url(t, "rate_limiter.redis.url");
    RedisSettings.url(t, "cache.redis.url");
    RedisSettings.prefix(t);
    dev.switchboard.logging.LogConfig.from(t); // read in Switchboard.main, before the server starts
    QueueConfig queue = QueueConfig.from(t);
    call("dev.switchboard.queue.redis.RedisQueueSettings", "from", ConfigTree.class, t);
    call("dev.switchboard.queue.sqs.SqsQueueSettings", "from", ConfigTree.class, t);
    call("dev.switchboard.queue.nats.NatsJetStreamJobQueue", "servers", QueueConfig.class, queue);
    call("dev.switchboard.queue.rabbitmq.RabbitMqJobQueue", "url", QueueConfig.class, queue);
  }

  /** Calls a static reader that is not public (it belongs to its driver's package). */
  private static void call(String className, String method, Class<?> argType, Object arg) throws Exception {
    Method m = Class.forName(className).getDeclaredMethod(method, argType);
    m.setAccessible(true);
    m.invoke(null, arg);
  }

  @Test
  void everyKeyTheCodeReadsIsDocumented() {
    Map<String, Set<String>> missing = new TreeMap<>();
    tree.reads().forEach((path, readers) -> {
      boolean section = doc.rowsByKey().keySet().stream().anyMatch(k -> k.startsWith(path + "."));
      if (!doc.rowsByKey().containsKey(path) && !section) {
        missing.put(path, simpleNames(readers));
      }
    });
    assertTrue(missing.isEmpty(), "config keys read by the code (by the classes in brackets) but missing from "
        + DOC + " (add a row to the section's | Key | Env | table): " + missing);
  }

  @Test
  void everyDocumentedKeyIsRead() {
    Set<String> unread = new TreeSet<>(doc.rowsByKey().keySet());
    unread.removeAll(tree.reads().keySet());
    assertTrue(unread.isEmpty(), "keys documented in " + DOC + " that no code reads (a typo, or a key removed "
        + "from the code): " + unread);
  }

  @Test
  void everyEnvironmentVariableIsDocumentedOnItsKeysRow() {
    Map<String, String> envToPath = EnvAliases.all().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, TreeMap::new));
    Set<String> documented = new TreeSet<>();
    List<String> wrong = new java.util.ArrayList<>();
    for (ConfigDocTable.Row row : doc.rows()) {
      for (String env : row.envNames()) {
        documented.add(env);
        String path = envToPath.get(env);
        if (path == null) {
          wrong.add("line " + row.line() + ": `" + env + "` is not an environment variable the server reads");
        } else if (!row.keys().contains(path)) {
          wrong.add("line " + row.line() + ": `" + env + "` sets " + path + ", not " + row.keys());
        }
      }
    }
    Set<String> undocumented = new TreeSet<>(envToPath.keySet());
    undocumented.removeAll(documented);
    assertEquals(List.of(), wrong, "wrong Env cells in " + DOC);
    assertTrue(undocumented.isEmpty(), "environment variables the server reads that " + DOC
        + " does not list in the Env cell of their key's row: " + undocumented.stream()
        .map(e -> e + " (" + envToPath.get(e) + ")").toList());
  }

  @Test
  void everyClassThatTouchesTheConfigTreeWasSeenReadingIt() throws IOException {
    Set<String> readers = tree.reads().values().stream().flatMap(Set::stream)
        .map(c -> c.replaceAll("\\$.*", "")).collect(Collectors.toCollection(TreeSet::new));
    Set<String> unexercised = new TreeSet<>();
    Path main = Path.of("src/main/java");
    try (Stream<Path> files = Files.walk(main)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        String cls = main.relativize(f).toString().replace(".java", "").replace('/', '.');
        boolean touches = text.contains("ConfigTree") || text.contains(".tree()");
        if (touches && !readers.contains(cls) && !NOT_READERS.containsKey(cls) && !cls.endsWith("package-info")) {
          unexercised.add(cls);
        }
      }
    }
    assertTrue(unexercised.isEmpty(), "classes that use the config tree but were never seen reading a key in "
        + "this test, so their keys are not checked against " + DOC + ": call their reader in "
        + "ConfigDocTest.readDriverSections (or list them in NOT_READERS if they only pass the tree on): "
        + unexercised);
  }

  private static Set<String> simpleNames(Set<String> classes) {
    return classes.stream().map(c -> c.substring(c.lastIndexOf('.') + 1))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
