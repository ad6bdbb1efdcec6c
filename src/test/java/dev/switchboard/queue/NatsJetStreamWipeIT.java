package dev.switchboard.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.cluster.BrokerProcess;
import dev.switchboard.config.ConfigTree;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JetStream queue on a private nats-server that is killed and started again with an EMPTY store (a server
 * without a persistent volume): its stream and durable consumer are gone, and the queue must declare them again.
 * Jobs whose publish failed meanwhile are retried the way the webhook code retries them, and every job
 * published during and after the outage must reach the worker.
 */
class NatsJetStreamWipeIT {
  private final Vertx vertx = Vertx.vertx();
  private final ExecutorService publishers = Executors.newSingleThreadExecutor();
  private BrokerProcess nats;
  private JobQueue queue;
  private Path store;

  @AfterEach
  void stop() throws Exception {
    publishers.shutdownNow();
    if (queue != null) {
      queue.close().await(20, TimeUnit.SECONDS);
    }
    if (nats != null) {
      nats.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
    deleteStore();
  }

  @Test
  void jobsAreDeliveredAfterTheServerRestartsWithAnEmptyStore() throws Exception {
    store = Files.createTempDirectory("nats-wipe");
    nats = BrokerProcess.nats(store);
    ObjectNode q = new ObjectMapper().createObjectNode().put("driver", "nats").put("redelivery_ms", 1000)
        .put("prefix", "wipe").put("concurrency", 4);
    q.putObject("nats").put("servers", "nats://127.0.0.1:" + nats.port());
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.set("queue", q);
    queue = JobQueues.create(vertx, QueueConfig.from(new ConfigTree(root))).await(20, TimeUnit.SECONDS);
    Set<String> got = ConcurrentHashMap.newKeySet();
    queue.consume("jobs", job -> {
      got.add(new String(job.payload(), StandardCharsets.UTF_8));
      return Future.succeededFuture();
    }).await(20, TimeUnit.SECONDS);
    Set<String> sent = new TreeSet<>();
    for (int i = 0; i < 5; i++) {
      queue.publish("jobs", ("before-" + i).getBytes(StandardCharsets.UTF_8)).await(20, TimeUnit.SECONDS);
    }
    awaitAll(got, Set.of("before-0", "before-1", "before-2", "before-3", "before-4"));

    nats.kill();
    deleteStore();
    var during = publishers.submit(() -> { // published while the server is down: they fail and are retried
      for (int i = 0; i < 5; i++) {
        publishUntilAccepted("during-" + i);
      }
      return null;
    });
    Thread.sleep(2000); // the outage; nothing to wait on
    nats.start();
    during.get(40, TimeUnit.SECONDS);
    for (int i = 0; i < 5; i++) {
      sent.add("during-" + i);
    }
    for (int i = 0; i < 10; i++) {
      publishUntilAccepted("after-" + i);
      sent.add("after-" + i);
    }
    awaitAll(got, sent);
  }

  /** What the webhook code does with a job the queue refused: tries again after a delay, within a budget. */
  private void publishUntilAccepted(String payload) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        queue.publish("jobs", payload.getBytes(StandardCharsets.UTF_8)).await(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError(payload + " was never accepted by the queue: " + e.getMessage(), e);
        }
        Thread.sleep(250); // the webhook code's retry delay, shortened
      }
    }
  }

  private static void awaitAll(Set<String> got, Set<String> expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!got.containsAll(expected) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100); // the worker delivers on its own; polling the set it fills
    }
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(got);
    assertEquals(Set.of(), missing, "jobs never delivered");
  }

  private void deleteStore() throws Exception {
    if (store == null || !Files.exists(store)) {
      return;
    }
    try (Stream<Path> s = Files.walk(store)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
