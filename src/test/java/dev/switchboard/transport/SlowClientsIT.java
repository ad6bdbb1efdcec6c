package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import dev.switchboard.testing.HttpWire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slowloris: connections that never finish their request head, on the HTTP API and on the WebSocket upgrade path,
 * are cut at {@code http.request_head_timeout_ms} with 408, one address may hold only {@code
 * http.max_pending_requests_per_ip} of them (429 past it), and meanwhile other clients connect as usual.
 */
class SlowClientsIT {
  private static final int HEAD_TIMEOUT_MS = 4_000;
  private static final int MAX_PENDING = 6;
  private static final String WS_HEAD_START =
      "GET /app/app-key?protocol=7 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestServer.DEFAULT_CONFIG.replace("\"event_loops\":2,", "\"event_loops\":2,"
        + "\"http\":{\"request_head_timeout_ms\":" + HEAD_TIMEOUT_MS + ",\"max_pending_requests_per_ip\":"
        + MAX_PENDING + "},"), Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Half-open sockets from {@code ip}: silent ones, half an API request head, half an upgrade head. */
  private static List<HttpWire> halfOpen(String ip, int n) throws Exception {
    List<HttpWire> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HttpWire h = HttpWire.open(server.port(), ip);
      switch (i % 3) {
        case 0 -> { } // connects and sends nothing
        case 1 -> h.send("POST /apps/app-id/events HTTP/1.1\r\nHost: x\r\n");
        default -> h.send(WS_HEAD_START);
      }
      out.add(h);
    }
    return out;
  }

  private static void closeAll(List<HttpWire> wires) throws Exception {
    for (HttpWire h : wires) {
      h.close();
    }
  }

  @Test
  void halfOpenRequestsAreCutWith408AtTheDeadlineWhileANormalClientConnects() throws Exception {
    List<HttpWire> slow = halfOpen("127.0.0.1", 3);
    try {
      try (RawSocket ws = RawSocket.pusher(server.port(), "app-key")) {
        ws.socketId(); // the same address connects while its slow sockets wait
      }
      for (HttpWire h : slow) {
        HttpWire.Response r = h.read(HEAD_TIMEOUT_MS + 5_000);
        assertEquals(408, r.status(), r.head());
        assertTrue(r.body().contains("\"code\":408"), r.body());
        assertTrue(h.closedWithin(5_000));
      }
    } finally {
      closeAll(slow);
    }
  }

  @Test
  void pastThePendingCapAnAddressGets429WhileOtherAddressesAndLaterTheSameOneConnect() throws Exception {
    List<HttpWire> slow = halfOpen("127.0.0.3", MAX_PENDING);
    try {
      // they count once unfinished for a second; from then the address's next connection is refused
      HttpWire.Response refused = null;
      long deadline = System.currentTimeMillis() + HEAD_TIMEOUT_MS - 500;
      while (refused == null && System.currentTimeMillis() < deadline) {
        try (HttpWire next = HttpWire.open(server.port(), "127.0.0.3")) {
          next.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
          HttpWire.Response r = next.read(5_000);
          refused = r.status() == 429 ? r : null;
        }
        Thread.sleep(100); // polling for the sweep that counts the slow heads; it has no event to wait on
      }
      assertTrue(refused != null && refused.body().contains("\"code\":429"), "no 429 before the deadline");
      try (HttpWire other = HttpWire.open(server.port(), "127.0.0.4")) {
        assertEquals(200, other.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(5_000).status());
      }
      try (HttpWire otherWs = HttpWire.open(server.port(), "127.0.0.4")) {
        otherWs.send(WS_HEAD_START + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        assertEquals(101, otherWs.read(5_000).status());
      }
      for (HttpWire h : slow) {
        assertTrue(h.closedWithin(HEAD_TIMEOUT_MS + 5_000), "a slow socket outlived its deadline");
      }
      try (HttpWire again = HttpWire.open(server.port(), "127.0.0.3")) {
        assertEquals(200, again.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(5_000).status());
      }
    } finally {
      closeAll(slow);
    }
  }

  @Test
  void anIdleKeepAliveConnectionStaysButATrickledNextRequestIsCut() throws Exception {
    try (HttpWire h = HttpWire.open(server.port(), "127.0.0.5")) {
      assertEquals(200, h.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(5_000).status());
      // idle past the deadline: between requests there is none
      assertFalse(h.closedWithin(HEAD_TIMEOUT_MS + 1_000));
      assertEquals(200, h.send("GET /ready HTTP/1.1\r\nHost: x\r\n\r\n").read(5_000).status());
      h.send("GET / HTTP/1.1\r\nHost:"); // the next request starts and stalls
      assertEquals(408, h.read(HEAD_TIMEOUT_MS + 5_000).status());
      assertTrue(h.closedWithin(5_000));
    }
  }
}
