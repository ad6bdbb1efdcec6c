package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GatewaySink} driver promises, run by each driver's {@code *IT} against its real backend:
 * the body arrives as the same JSON, every attribute arrives natively (or inside the envelope where the
 * backend has no attributes), {@code envelope: true} sends one object, and an unreachable backend fails the
 * future. Every test uses fresh backend names, so reruns do not collide.
 */
public abstract class GatewaySinkContract {
  protected static final ObjectMapper JSON = new ObjectMapper();
  protected static final long TIMEOUT_S = 20;
  protected static Vertx vertx;
  protected final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final List<GatewaySink> opened = new ArrayList<>();
  private final List<Probe> probes = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  /** What a real consumer of the backend read: the body text and the attributes as the backend carried them. */
  protected record Received(String body, Map<String, String> attributes) {}

  /** A real consumer of one backend name, made before the send (fan-out backends only deliver to listeners). */
  protected interface Probe extends AutoCloseable {
    /** The next message, waiting at most {@link #TIMEOUT_S}; fails the test if none comes. */
    Received next() throws Exception;

    @Override
    default void close() throws Exception {}
  }

  /** The sink config for backend name {@code name} (a queue, stream, channel, subject or path). */
  protected abstract ObjectNode config(String name);

  /** A config of this driver whose backend is a closed port on 127.0.0.1. */
  protected abstract ObjectNode unreachableConfig(int closedPort);

  protected abstract Probe probe(String name) throws Exception;

  /** False where the backend has no attributes and the sink always sends the envelope (Redis pub/sub). */
  protected boolean nativeAttributes() {
    return true;
  }

  /** Removes what the test left in the backend. */
  protected void cleanup(Set<String> names) throws Exception {}

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().await(TIMEOUT_S, TimeUnit.SECONDS);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (GatewaySink s : opened) {
      s.close().await(TIMEOUT_S, TimeUnit.SECONDS);
    }
    for (Probe p : probes) {
      p.close();
    }
    cleanup(names);
  }

  protected String newName() {
    String n = "gw" + run + "x" + names.size();
    names.add(n);
    return n;
  }

  protected GatewaySink sink(ObjectNode config) {
    GatewaySink s = GatewaySinks.create(vertx, "gateway.routes.send.sink", config);
    opened.add(s);
    return s;
  }

  protected Probe open(String name) throws Exception {
    Probe p = probe(name);
    probes.add(p);
    return p;
  }

  protected static <T> T await(Future<T> f) throws Exception {
    return f.await(TIMEOUT_S, TimeUnit.SECONDS);
  }

  protected static GatewayMessage message(String body) {
    return GatewayMessage.of(body, "gateway.route.send", "user-" + UUID.randomUUID(), "conn-42=",
        "app-7", System.currentTimeMillis());
  }

  protected static final String BODY = "{\"text\":\"h\\u00e9llo \\\"w\\\" ✓\",\"n\":[1,2.5,null,true],\"o\":{}}";

  protected static void assertSameJson(String expected, String actual) throws Exception {
    assertEquals(JSON.readTree(expected), JSON.readTree(actual), actual);
  }

  protected void assertAttributes(GatewayMessage sent, Received got) {
    if (!nativeAttributes()) {
      return;
    }
    sent.attributes().forEach((k, v) -> assertEquals(v, got.attributes().get(k), "attribute " + k));
  }

  @Test
  void bodyArrivesAsTheSameJsonWithEveryAttribute() throws Exception {
    String name = newName();
    Probe p = open(name);
    GatewayMessage m = message(BODY);
    await(sink(config(name)).send(m));
    Received got = p.next();
    assertSameJson(nativeAttributes() ? m.body() : m.envelope(), got.body());
    assertAttributes(m, got);
  }

  @Test
  void envelopeModeSendsOneObjectAndKeepsTheAttributes() throws Exception {
    String name = newName();
    Probe p = open(name);
    GatewayMessage m = message(BODY);
    await(sink(config(name).put("envelope", true)).send(m));
    Received got = p.next();
    JsonNode env = JSON.readTree(got.body());
    assertEquals(JSON.readTree(BODY), env.get("message"));
    assertEquals(m.attribute("user_id"), env.get("user_id").asText());
    assertEquals(m.attribute("connection_id"), env.get("connection_id").asText());
    assertEquals("gateway.route.send", env.get("source").asText());
    assertEquals("app-7", env.get("app_id").asText());
    assertTrue(env.get("timestamp").isIntegralNumber(), got.body());
    assertEquals(Long.parseLong(m.attribute("timestamp")), env.get("timestamp").asLong());
    assertAttributes(m, got);
  }

  @Test
  void severalMessagesEachArriveOnce() throws Exception {
    String name = newName();
    Probe p = open(name);
    GatewaySink s = sink(config(name));
    Set<String> sent = new HashSet<>();
    List<Future<Void>> sends = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sent.add("{\"i\":" + i + "}");
      sends.add(s.send(message("{\"i\":" + i + "}")));
    }
    await(Future.all(sends));
    Set<JsonNode> got = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      JsonNode b = JSON.readTree(p.next().body());
      got.add(nativeAttributes() ? b : b.get("message"));
    }
    Set<JsonNode> expected = new HashSet<>();
    for (String b : sent) {
      expected.add(JSON.readTree(b));
    }
    assertEquals(expected, got);
  }

  @Test
  void anUnreachableBackendFailsTheSendWithAGatewaySinkException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    GatewaySink s = sink(unreachableConfig(port).put("retries", 0));
    ExecutionException e = assertThrows(ExecutionException.class, () -> s.send(message(BODY)).toCompletionStage()
        .toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS));
    assertInstanceOf(GatewaySinkException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("gateway.routes.send.sink"), e.getCause().getMessage());
    assertTrue(!e.getCause().getMessage().contains("llo"), "the body is never in an error");
  }
}
