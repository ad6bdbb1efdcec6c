package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.TestServer;
import dev.switchboard.testing.RawWebSocket;
import dev.switchboard.testing.RawWebSocket.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 framing as the server reads it, with a hand-written client: masked frames split anywhere or sent
 * together with the upgrade request, fragments with a ping between them, and each protocol violation
 * answered with its close code while other clients carry on.
 */
class WsFramingIT {
  private static final String PATH = "/app/app-key?protocol=7";
  private static final String SUBSCRIBE = "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"news\"}}";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":1,"websocket_max_payload_kb":4,
         "app_manager":{"array":{"apps":[{"id":"app-id","key":"app-key","secret":"app-secret"}]}}}
        """, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String text(Frame f) {
    return new String(f.payload(), StandardCharsets.UTF_8);
  }

  private static void expectSubscribed(RawWebSocket ws) throws IOException {
    assertTrue(text(ws.readUntil(0x1)).contains("pusher:connection_established"));
    String next = text(ws.readUntil(0x1));
    assertTrue(next.contains("pusher_internal:subscription_succeeded"), next);
  }

  @Test
  void aFrameSplitIntoSingleBytesIsReadWhole() throws Exception {
    try (RawWebSocket ws = RawWebSocket.connect(server.port(), PATH)) {
      assertTrue(text(ws.readUntil(0x1)).contains("pusher:connection_established"));
      ws.sendRaw(RawWebSocket.textFrame(SUBSCRIBE), 1);
      assertTrue(text(ws.readUntil(0x1)).contains("pusher_internal:subscription_succeeded"));
    }
  }

  @Test
  void framesSentWithTheUpgradeRequestAreReadOnceTheConnectionIsEstablished() throws Exception {
    try (RawWebSocket ws = RawWebSocket.connect(server.port(), PATH, RawWebSocket.textFrame(SUBSCRIBE))) {
      expectSubscribed(ws);
    }
  }

  @Test
  void aFragmentedMessageWithAPingBetweenItsFragmentsArrivesWholeAndThePingIsAnswered() throws Exception {
    byte[] all = SUBSCRIBE.getBytes(StandardCharsets.UTF_8);
    byte[] a = java.util.Arrays.copyOfRange(all, 0, 10);
    byte[] b = java.util.Arrays.copyOfRange(all, 10, 30);
    byte[] c = java.util.Arrays.copyOfRange(all, 30, all.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(RawWebSocket.frame(0x01, a, true)); // text, not final
    out.writeBytes(RawWebSocket.frame(0x89, "are you there".getBytes(StandardCharsets.UTF_8), true));
    out.writeBytes(RawWebSocket.frame(0x00, b, true)); // continuation
    out.writeBytes(RawWebSocket.frame(0x80, c, true)); // final continuation
    try (RawWebSocket ws = RawWebSocket.connect(server.port(), PATH)) {
      assertTrue(text(ws.readUntil(0x1)).contains("pusher:connection_established"));
      ws.sendRaw(out.toByteArray(), 7);
      Frame pong = ws.readUntil(0xA);
      assertArrayEquals("are you there".getBytes(StandardCharsets.UTF_8), pong.payload());
      assertTrue(text(ws.readUntil(0x1)).contains("pusher_internal:subscription_succeeded"));
    }
  }

  @Test
  void aFragmentedMessageOverTheReadLimitIsRefusedWith1009() throws Exception {
    // frames are read up to 4 x websocket_max_payload_kb (16 KB here); six 3,000-byte fragments pass it
    try (RawWebSocket ws = RawWebSocket.connect(server.port(), PATH)) {
      ws.readUntil(0x1);
      byte[] chunk = "x".repeat(3000).getBytes(StandardCharsets.UTF_8);
      ws.sendRaw(RawWebSocket.frame(0x01, chunk, true), 1 << 16);
      for (int i = 0; i < 5; i++) {
        ws.sendRaw(RawWebSocket.frame(0x00, chunk, true), 1 << 16);
      }
      assertEquals(1009, ws.readUntil(0x8).closeCode());
    }
  }

  @Test
  void anUnmaskedFrameIsAProtocolError() throws Exception {
    assertClosedWith(1002, RawWebSocket.frame(0x81, SUBSCRIBE.getBytes(StandardCharsets.UTF_8), false));
  }

  @Test
  void reservedBitsAndUnknownOpcodesAreProtocolErrors() throws Exception {
    assertClosedWith(1002, RawWebSocket.frame(0xC1, "{}".getBytes(StandardCharsets.UTF_8), true));
    assertClosedWith(1002, RawWebSocket.frame(0x83, "{}".getBytes(StandardCharsets.UTF_8), true));
  }

  @Test
  void aFragmentedOrOversizedControlFrameIsAProtocolError() throws Exception {
    assertClosedWith(1002, RawWebSocket.frame(0x09, new byte[0], true)); // ping without FIN
    assertClosedWith(1002, RawWebSocket.frame(0x89, new byte[126], true));
  }

  @Test
  void aContinuationWithoutAFirstFragmentIsAProtocolError() throws Exception {
    assertClosedWith(1002, RawWebSocket.frame(0x80, "{}".getBytes(StandardCharsets.UTF_8), true));
  }

  @Test
  void textThatIsNotUtf8IsClosedWith1007() throws Exception {
    assertClosedWith(1007, RawWebSocket.frame(0x81, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, true));
  }

  @Test
  void aFrameAnnouncingMoreThanTheLimitIsClosedWith1009BeforeItsBytesArrive() throws Exception {
    try (RawWebSocket ws = RawWebSocket.connect(server.port(), PATH)) {
      ws.readUntil(0x1);
      ws.sendFrameHeader(0x1, 1L << 40);
      assertEquals(1009, ws.readUntil(0x8).closeCode());
    }
  }

  @Test
  void theClientsCloseIsEchoedAndTheConnectionEnds() throws Exception {
    try (RawWebSocket ws = RawWebSocket.connect(server.port(), PATH)) {
      ws.readUntil(0x1);
      ws.sendRaw(RawWebSocket.frame(0x88, new byte[] {0x0F, (byte) 0xA0, 'b', 'y', 'e'}, true), 64); // 4000
      assertEquals(4000, ws.readUntil(0x8).closeCode());
      assertEquals(-1, ws.read().closeCode()); // then TCP ends: the reader sees an empty close
    }
  }

  @Test
  void aCloseWithAReservedCodeIsAProtocolError() throws Exception {
    assertClosedWith(1002, RawWebSocket.frame(0x88, new byte[] {0x03, (byte) 0xED}, true)); // 1005
  }

  @Test
  void anotherVersionIsAnswered426NamingVersion13AndAMissingKey400() throws Exception {
    String v8 = upgradeStatus("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n");
    assertTrue(v8.startsWith("HTTP/1.1 426"), v8);
    assertTrue(v8.toLowerCase().contains("sec-websocket-version: 13"), v8);
    String noKey = upgradeStatus("Sec-WebSocket-Version: 13\r\n");
    assertTrue(noKey.startsWith("HTTP/1.1 400") && noKey.contains("Sec-WebSocket-Key"), noKey);
  }

  @Test
  void theAcceptKeyIsTheOneFromTheRfcExample() {
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WsHandshake.accept("dGhlIHNhbXBsZSBub25jZQ=="));
  }

  /** Sends {@code frame} after connection_established and expects a close frame with {@code code}. */
  private static void assertClosedWith(int code, byte[] frame) throws Exception {
    try (RawWebSocket bystander = RawWebSocket.connect(server.port(), PATH, RawWebSocket.textFrame(SUBSCRIBE));
        RawWebSocket ws = RawWebSocket.connect(server.port(), PATH)) {
      expectSubscribed(bystander);
      ws.readUntil(0x1);
      ws.sendRaw(frame, 1 << 16);
      assertEquals(code, ws.readUntil(0x8).closeCode());
      // the bystander's connection is untouched: it still answers
      bystander.sendRaw(RawWebSocket.textFrame("{\"event\":\"pusher:ping\",\"data\":{}}"), 1 << 16);
      assertTrue(text(bystander.readUntil(0x1)).contains("pusher:pong"));
    }
  }

  /** The whole response head to an upgrade request with the given key/version header lines. */
  private static String upgradeStatus(String keyAndVersion) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\n" + keyAndVersion + "\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0) {
        head.append((char) b);
        if (head.indexOf("\r\n\r\n") >= 0 && head.indexOf("}") >= 0) {
          break; // head and JSON body
        }
      }
      return head.toString();
    }
  }
}
