package dev.switchboard.gateway.source;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.cluster.BrokerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The nats_jetstream source on a private nats-server killed and started again with an EMPTY store: the stream
 * and the durable consumer are gone; the source declares them again on reconnect, so a producer's publishes are
 * accepted again and reach the handler.
 */
class NatsJetStreamSourceWipeIT {
  private final Vertx vertx = Vertx.vertx();
  private BrokerProcess nats;
  private NotificationSource source;
  private Connection producer;
  private Path store;

  @AfterEach
  void stop() throws Exception {
    if (source != null) {
      source.stop().await(20, TimeUnit.SECONDS);
    }
    if (producer != null) {
      producer.close();
    }
    if (nats != null) {
      nats.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
    try (Stream<Path> s = Files.walk(store)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void notificationsFlowAgainAfterTheServerRestartsWithAnEmptyStore() throws Exception {
    store = Files.createTempDirectory("nats-source-wipe");
    nats = BrokerProcess.nats(store);
    String url = "nats://127.0.0.1:" + nats.port();
    ObjectNode config = new ObjectMapper().createObjectNode().put("driver", "nats_jetstream").put("url", url)
        .put("stream", "wipe").put("subject", "wipe.notify");
    Set<String> got = ConcurrentHashMap.newKeySet();
    source = NotificationSources.create(vertx, "gateway.notifications.queue", config);
    source.start(body -> {
      got.add(body);
      return Future.succeededFuture();
    }).await(20, TimeUnit.SECONDS);
    producer = Nats.connect(new Options.Builder().server(url).maxReconnects(-1).build());
    publishUntilAccepted("\"before\"");
    eventually(() -> got.contains("\"before\""), "the first notification");

    nats.kill();
    try (Stream<Path> s = Files.walk(store)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(store)) {
          Files.delete(p);
        }
      }
    }
    nats.start();
    publishUntilAccepted("\"after\""); // a producer retries until the stream takes it
    eventually(() -> got.contains("\"after\""), "the notification published after the restart");
  }

  private void publishUntilAccepted(String body) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        producer.jetStream().publish("wipe.notify", body.getBytes(StandardCharsets.UTF_8));
        return;
      } catch (Exception e) {
        assertTrue(System.currentTimeMillis() < deadline, body + " never accepted: " + e.getMessage());
        Thread.sleep(250); // the producer's retry delay
      }
    }
  }

  private static void eventually(java.util.function.BooleanSupplier ok, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!ok.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for " + what);
      Thread.sleep(50); // polling the set the handler fills
    }
  }
}
