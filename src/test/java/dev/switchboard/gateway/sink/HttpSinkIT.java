package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a real Vert.x HTTP server on 127.0.0.1: one path per backend name. */
class HttpSinkIT extends GatewaySinkContract {
  static final Map<String, String> HEADERS = Map.of("source", "X-Gateway-Source", "user_id", "X-Gateway-User-Id",
      "connection_id", "X-Gateway-Connection-Id", "app_id", "X-Gateway-App-Id", "timestamp", "X-Gateway-Timestamp");
  private static HttpReceiver receiver;

  @BeforeAll
  static void startReceiver() throws Exception {
    receiver = HttpReceiver.start(vertx);
  }

  @AfterAll
  static void stopReceiver() throws Exception {
    receiver.close();
  }

  @Override
  protected ObjectNode config(String name) {
    return JSON.createObjectNode().put("driver", "http").put("url", receiver.url("/hooks/" + name));
  }

  @Override
  protected ObjectNode unreachableConfig(int closedPort) {
    return config("x").put("url", "http://127.0.0.1:" + closedPort + "/hooks");
  }

  @Override
  protected Probe probe(String name) {
    return () -> {
      HttpReceiver.Request r = receiver.next("/hooks/" + name);
      Map<String, String> attrs = new LinkedHashMap<>();
      HEADERS.forEach((attr, header) -> {
        if (r.headers().contains(header)) {
          attrs.put(attr, r.headers().get(header));
        }
      });
      return new Received(r.text(), attrs);
    };
  }

  @Test
  void aSecretSignsTheExactBodyAndConfiguredHeadersAreSent() throws Exception {
    String name = newName();
    ObjectNode c = config(name).put("secret", "s3cret");
    c.putObject("headers").put("Authorization", "Bearer abc");
    await(sink(c).send(message(BODY)));
    HttpReceiver.Request r = receiver.next("/hooks/" + name);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    assertEquals(HexFormat.of().formatHex(mac.doFinal(r.body())), r.headers().get("X-Gateway-Signature"));
    assertEquals("Bearer abc", r.headers().get("Authorization"));
    assertEquals("application/json", r.headers().get("Content-Type"));
    assertEquals(BODY, r.text());
  }

  @Test
  void aNon2xxAnswerFailsTheSend() throws Exception {
    String name = newName();
    receiver.answer("/hooks/" + name, 500);
    ExecutionException e = assertThrows(ExecutionException.class, () -> sink(config(name).put("retries", 0))
        .send(message("{}")).toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS));
    assertInstanceOf(GatewaySinkException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("HTTP 500"), e.getCause().getMessage());
  }

  @Test
  void aReceiverThatNeverAnswersFailsTheSendAfterTimeoutMs() throws Exception {
    String name = newName();
    receiver.silence("/hooks/" + name);
    ExecutionException e = assertThrows(ExecutionException.class, () -> sink(config(name).put("retries", 0)
        .put("timeout_ms", 300)).send(message("{}")).toCompletionStage().toCompletableFuture()
        .get(TIMEOUT_S, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("no answer within 300 ms"), e.getCause().getMessage());
  }
}
