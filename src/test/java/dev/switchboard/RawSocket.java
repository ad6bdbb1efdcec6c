package dev.switchboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare WebSocket client (JDK HttpClient) for protocol-level tests: raw frames in, parsed frames out. */
public final class RawSocket implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  public final BlockingQueue<JsonNode> received;
  public final CompletableFuture<Integer> closeCode;
  private final WebSocket ws;

  private RawSocket(WebSocket ws, BlockingQueue<JsonNode> received, CompletableFuture<Integer> closeCode) {
    this.ws = ws;
    this.received = received;
    this.closeCode = closeCode;
  }

  public static RawSocket connect(int port, String path) throws Exception {
    return connect(port, path, java.util.Map.of());
  }

  /** Connects with extra handshake headers (e.g. {@code Origin}). */
  public static RawSocket connect(int port, String path, java.util.Map<String, String> headers) throws Exception {
    BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    StringBuilder partial = new StringBuilder();
    WebSocket.Listener l = new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          try {
            received.add(JSON.readTree(partial.toString()));
          } catch (Exception e) {
            received.add(JSON.createObjectNode().put("unparseable", partial.toString()));
          }
          partial.setLength(0);
        }
        w.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
        closed.complete(code);
        return null;
      }

      @Override
      public void onError(WebSocket w, Throwable error) {
        closed.complete(-1);
      }
    };
    WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
    headers.forEach(b::header);
    WebSocket ws = b.buildAsync(URI.create("ws://127.0.0.1:" + port + path), l).get(10, TimeUnit.SECONDS);
    return new RawSocket(ws, received, closed);
  }

  /** Connects to {@code /app/{key}} and returns the socket id from connection_established. */
  public static RawSocket pusher(int port, String key) throws Exception {
    return connect(port, "/app/" + key + "?protocol=7&client=raw&version=1");
  }

  public String socketId() throws Exception {
    JsonNode est = expect("pusher:connection_established");
    return JSON.readTree(est.get("data").asText()).get("socket_id").asText();
  }

  public void send(String text) {
    ws.sendText(text, true).join();
  }

  public void sendBinary(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  /** The next frame, which must be {@code event}. */
  public JsonNode expect(String event) throws InterruptedException {
    JsonNode n = received.poll(10, TimeUnit.SECONDS);
    if (n == null || !event.equals(n.path("event").asText())) {
      throw new AssertionError("expected " + event + " but got " + n);
    }
    return n;
  }

  /** The next frame whose event is {@code event}, skipping others; null after the timeout. */
  public JsonNode next(String event, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      JsonNode n = received.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
      if (n != null && event.equals(n.path("event").asText())) {
        return n;
      }
    }
    return null;
  }

  @Override
  public void close() {
    ws.abort();
  }
}
