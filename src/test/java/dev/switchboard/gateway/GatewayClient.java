package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.QueueingListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A gateway client on the JDK's WebSocket, as a backend-less browser page would use it: sends frames as
 * given and queues every text message it receives. A refused upgrade is kept as its status and body.
 */
final class GatewayClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final long WAIT_MS = 5_000;

  /** A refused upgrade: the HTTP status and the JSON body. */
  record Refusal(int status, JsonNode body) {}

  private final QueueingListener listener = new QueueingListener();
  private final BlockingQueue<String> received = listener.received();
  final CompletableFuture<Integer> closed = listener.closed();
  private WebSocket ws;

  private GatewayClient() {}

  static GatewayClient connect(int port, String pathAndQuery) {
    return connect(port, pathAndQuery, Map.of());
  }

  static GatewayClient connect(int port, String pathAndQuery, Map<String, String> headers) {
    GatewayClient c = new GatewayClient();
    try {
      WebSocket.Builder b = HTTP.newWebSocketBuilder();
      headers.forEach(b::header);
      c.ws = b.buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), c.listener)
          .get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect to " + pathAndQuery, e);
    }
    return c;
  }

  /**
   * The refusal of an upgrade that must fail, read off a plain socket (the JDK client hides the body of a
   * refused handshake); throws when the server answers 101.
   */
  static Refusal refused(int port, String pathAndQuery, String... headerLines) throws Exception {
    Refusal r = handshake(port, pathAndQuery, headerLines);
    if (r.status() == 101) {
      throw new AssertionError("the upgrade to " + pathAndQuery + " was accepted");
    }
    return r;
  }

  /** The answer to an upgrade request: 101 with no body when accepted, else the refusal. */
  static Refusal handshake(int port, String pathAndQuery, String... headerLines) throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout((int) WAIT_MS);
      StringBuilder req = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
      for (String h : headerLines) {
        req.append(h).append("\r\n");
      }
      s.getOutputStream().write(req.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      java.io.InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      int status = Integer.parseInt(head.substring(9, 12));
      if (status == 101) {
        return new Refusal(101, null);
      }
      String body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return new Refusal(status, JSON.readTree(body));
    }
  }

  GatewayClient send(String text) {
    ws.sendText(text, true).join();
    return this;
  }

  GatewayClient sendBinary(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    return this;
  }

  /** The next message's text; fails after the wait. */
  String nextText() throws Exception {
    String s = received.poll(WAIT_MS, TimeUnit.MILLISECONDS);
    assertNotNull(s, "no message within " + WAIT_MS + " ms");
    return s;
  }

  JsonNode next() throws Exception {
    return JSON.readTree(nextText());
  }

  /** The connection id, asked of the server with SUMU's keep-alive ping. */
  String connectionId() throws Exception {
    send("{\"action\":\"ping\"}");
    return next().path("connectionId").asText();
  }

  /** The close code the server sent, waiting up to {@code ms}. */
  int closeCode(long ms) throws Exception {
    return closed.get(ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (ws != null && !ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
  }
}
