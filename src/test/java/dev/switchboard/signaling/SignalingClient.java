package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.QueueingListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A raw y-webrtc signaling client on the JDK's WebSocket: sends frames as given and queues every text
 * message it receives, so tests see the protocol exactly as a client would.
 */
final class SignalingClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final long WAIT_MS = 5_000;

  private final QueueingListener listener = new QueueingListener();
  private final BlockingQueue<String> received = listener.received();
  private final CompletableFuture<Integer> closed = listener.closed();
  private WebSocket ws;

  private SignalingClient() {}

  static SignalingClient connect(int port, String pathAndQuery) {
    SignalingClient c = new SignalingClient();
    try {
      c.ws = HTTP.newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), c.listener)
          .get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect to " + pathAndQuery, e);
    }
    return c;
  }

  /** The HTTP status of a refused handshake; fails when the handshake succeeds. */
  static int handshakeStatus(int port, String pathAndQuery) throws Exception {
    int status = handshakeStatus(port, pathAndQuery, null);
    return status == 101 ? fail("handshake to " + pathAndQuery + " succeeded") : status;
  }

  /** The HTTP status of a handshake (101 when accepted), sent with an X-Forwarded-For header when not null. */
  static int handshakeStatus(int port, String pathAndQuery, String forwardedFor) throws Exception {
    try {
      WebSocket.Builder b = HTTP.newWebSocketBuilder();
      if (forwardedFor != null) {
        b.header("X-Forwarded-For", forwardedFor);
      }
      WebSocket w = b.buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), new WebSocket.Listener() {})
          .get(WAIT_MS, TimeUnit.MILLISECONDS);
      w.abort();
      return 101;
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  SignalingClient send(String text) {
    ws.sendText(text, true).join();
    return this;
  }

  SignalingClient send(Object message) {
    try {
      return send(JSON.writeValueAsString(message));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  SignalingClient sendBinary(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    return this;
  }

  /** The next message as JSON; fails after the wait. */
  JsonNode next() throws Exception {
    String s = received.poll(WAIT_MS, TimeUnit.MILLISECONDS);
    assertNotNull(s, "no message within " + WAIT_MS + " ms");
    return JSON.readTree(s);
  }

  /** The next message, which must have {@code type}. */
  JsonNode next(String type) throws Exception {
    JsonNode m = next();
    assertEquals(type, m.path("type").asText(), "unexpected message " + m);
    return m;
  }

  /**
   * Proves that nothing is pending: a ping's pong comes back in order behind anything already sent to
   * this socket, so if the next message is the pong, nothing else was delivered before it.
   */
  void assertNothingPending() throws Exception {
    send("{\"type\":\"ping\"}");
    next("pong");
  }

  /** Sends a ping and waits for the pong, proving the socket and the server still work. */
  void assertAlive() throws Exception {
    assertNothingPending();
  }

  /** The close code the server sent; fails after the wait. */
  int closeCode() throws Exception {
    return closed.get(WAIT_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (!ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    ws.abort();
  }
}
