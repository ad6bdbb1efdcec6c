package dev.switchboard.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.app.AppException;
import dev.switchboard.app.store.cassandra.CassandraStoreConfig;
import dev.switchboard.app.store.dynamodb.DynamoDbStoreConfig;
import dev.switchboard.app.store.sql.SqlStoreConfig;
import dev.switchboard.cluster.ClusterConfig;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.queue.QueueConfig;
import dev.switchboard.signaling.SignalingConfig;
import dev.switchboard.webhook.WebhookConfig;
import dev.switchboard.webhook.WebhookException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The config file (our nested form, soketi's flat dot-keys, Sockudo's seconds) and the environment (SWITCHBOARD_,
 * SOKETI_ and Sockudo names): {@link ConfigLoader#load} gives a config or a {@link ConfigException}, the one
 * line {@code switchboard start} prints; any other exception would escape as a stack trace. The settings the
 * server reads at start (dialects, cluster, queue, webhooks, app stores) then give their config or refuse it
 * with a message ({@link ConfigException}, or {@link AppException} / {@link WebhookException} for an app).
 */
class ConfigFuzzTest {
  private static Path file;

  @BeforeAll
  static void registerAndMakeFile() throws IOException {
    SignalingConfig.registerEnv(); // as Switchboard.main does before loading
    GatewayConfig.registerEnv();
    file = Files.createTempFile("fuzz-config", ".json");
  }

  @AfterAll
  static void removeFile() throws IOException {
    Files.deleteIfExists(file);
  }

  /** The whole input is the config file. */
  @FuzzTest
  void configFile(byte[] data) {
    try {
      Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    check(file, Map.of());
  }

  /** Each line {@code NAME=value} is one environment variable; no file. */
  @FuzzTest
  void environment(byte[] data) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : FuzzInput.text(data).split("\n", -1)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    check(null, env);
  }

  private static void check(Path configFile, Map<String, String> env) {
    ServerConfig c;
    try {
      c = ConfigLoader.load(configFile, env);
    } catch (ConfigException refused) {
      assertNotNull(refused.getMessage());
      return;
    }
    assertNotNull(c);
    startSettings(c);
  }

  private static void startSettings(ServerConfig c) {
    Runnable[] readers = {
        () -> SignalingConfig.from(c),
        () -> GatewayConfig.from(c),
        () -> ClusterConfig.from(c.tree()),
        () -> QueueConfig.from(c.tree()),
        () -> WebhookConfig.from(c.tree()),
        () -> SqlStoreConfig.from(c.tree(), "postgres"),
        () -> SqlStoreConfig.from(c.tree(), "mysql"),
        () -> DynamoDbStoreConfig.from(c.tree()),
        () -> CassandraStoreConfig.from(c.tree())};
    for (Runnable r : readers) {
      try {
        r.run();
      } catch (ConfigException | AppException | WebhookException refused) {
        assertNotNull(refused.getMessage());
      }
    }
  }
}
