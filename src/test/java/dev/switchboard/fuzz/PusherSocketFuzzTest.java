package dev.switchboard.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.EmbeddedServer;
import dev.switchboard.pusher.PusherSignatures;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A Pusher client on a real connection (HTTP upgrade, frame decoder, Pusher dialect, hub), after a good
 * handshake. Whatever it sends, the server answers with Pusher JSON frames, refuses bad messages with
 * {@code pusher:error} and ends the connection only with a close frame; nothing reaches the log as an
 * unexpected failure. Messages whose {@code auth} is {@code "sign"} are signed for this socket first, as an auth
 * endpoint would, so private and presence channels, client events and sign-in are reached too.
 */
class PusherSocketFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EmbeddedServer SERVER = new EmbeddedServer(Map.of(
      "SWITCHBOARD_DEFAULT_APP_ENABLE_CLIENT_MESSAGES", "true",
      "SWITCHBOARD_DEFAULT_APP_ENABLE_WATCHLIST_EVENTS", "true"));
  static final byte[] UPGRADE = ("GET /app/app-key?protocol=7&client=js&version=8.4.0 HTTP/1.1\r\n"
      + "Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  private static LogAlarm alarm;

  @BeforeAll
  static void listen() {
    alarm = LogAlarm.install();
  }

  @AfterAll
  static void quiet() {
    alarm.close();
  }

  /** Each line is one text message. */
  @FuzzTest
  void messages(byte[] data) {
    session(socketId -> {
      ByteArrayOutputStream frames = new ByteArrayOutputStream();
      for (String line : FuzzInput.text(data).split("\n", -1)) {
        frames.writeBytes(ClientFrames.text(signed(line, socketId)));
      }
      return frames.toByteArray();
    });
  }

  /** The input is the raw bytes the client sends after the handshake (its own framing and masking). */
  @FuzzTest
  void rawFrames(byte[] data) {
    session(socketId -> data);
  }

  private static void session(java.util.function.Function<String, byte[]> afterHandshake) {
    EmbeddedChannel ch = SERVER.connect();
    try {
      ch.writeInbound(Unpooled.wrappedBuffer(UPGRADE));
      SERVER.settle(ch);
      ServerFrames first = ServerFrames.read(Outbound.drain(ch));
      assertEquals(1, first.texts().size(), "connection_established");
      String socketId = JSON.readTree(JSON.readTree(first.texts().get(0)).get("data").asText())
          .get("socket_id").asText();
      ch.writeInbound(Unpooled.wrappedBuffer(afterHandshake.apply(socketId)));
      SERVER.settle(ch);
      assertNull(alarm.take(), "the server logged an unexpected failure");
      byte[] raw = Outbound.drain(ch);
      ServerFrames out = ServerFrames.read(raw);
      for (String text : out.texts()) {
        JsonNode msg = JSON.readTree(text);
        assertTrue(msg.path("event").isTextual(), () -> "a Pusher message: " + text);
      }
      if (!ch.isActive()) {
        assertTrue(out.endsWithClose(), () -> "a connection the server ends gets a close frame first: "
            + io.netty.buffer.ByteBufUtil.hexDump(raw) + " " + out.texts());
      }
    } catch (java.io.IOException e) {
      throw new AssertionError("the server sent text that is not JSON", e);
    } finally {
      ch.close();
      SERVER.settle(ch);
      ch.finishAndReleaseAll();
    }
  }

  /** The line with {@code "auth":"sign"} in its data replaced by this socket's signature, else as it is. */
  static String signed(String line, String socketId) {
    if (!line.contains("\"sign\"")) {
      return line;
    }
    try {
      JsonNode msg = JSON.readTree(line);
      JsonNode d = msg == null ? null : msg.get("data");
      if (!(d instanceof ObjectNode data) || !"sign".equals(data.path("auth").asText())) {
        return line;
      }
      String toSign = msg.path("event").asText().equals("pusher:signin")
          ? socketId + "::user::" + data.path("user_data").asText()
          : socketId + ":" + data.path("channel").asText()
              + (data.has("channel_data") ? ":" + data.path("channel_data").asText() : "");
      data.put("auth", "app-key:" + PusherSignatures.hmacHex("app-secret", toSign));
      return JSON.writeValueAsString(msg);
    } catch (java.io.IOException notJson) {
      return line;
    }
  }

  /** Client frames: text, masked (RFC 6455 §5.3). */
  static final class ClientFrames {
    private ClientFrames() {}

    static byte[] text(String s) {
      byte[] p = s.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream(p.length + 14);
      out.write(0x81);
      if (p.length < 126) {
        out.write(0x80 | p.length);
      } else if (p.length < 65_536) {
        out.write(0x80 | 126);
        out.write(p.length >>> 8);
        out.write(p.length & 0xFF);
      } else {
        out.write(0x80 | 127);
        for (int i = 7; i >= 0; i--) {
          out.write((int) ((long) p.length >>> (8 * i)) & 0xFF);
        }
      }
      byte[] mask = {0x37, (byte) 0xFA, 0x21, 0x3D};
      out.writeBytes(mask);
      for (int i = 0; i < p.length; i++) {
        out.write(p[i] ^ mask[i & 3]);
      }
      return out.toByteArray();
    }
  }

  /** Server frames as they left (after the 101 when it is in front): their text payloads, and the last opcode. */
  record ServerFrames(List<String> texts, boolean endsWithClose) {
    static ServerFrames read(byte[] out) {
      int at = 0;
      String s = new String(out, StandardCharsets.ISO_8859_1);
      if (s.startsWith("HTTP/1.1 101")) {
        at = s.indexOf("\r\n\r\n") + 4;
      }
      List<String> texts = new ArrayList<>();
      int last = -1;
      while (at + 2 <= out.length) {
        last = out[at] & 0x0F;
        long len = out[at + 1] & 0x7F;
        int header = 2;
        if (len == 126) {
          len = (out[at + 2] & 0xFF) << 8 | (out[at + 3] & 0xFF);
          header = 4;
        } else if (len == 127) {
          len = 0;
          for (int i = 0; i < 8; i++) {
            len = len << 8 | (out[at + 2 + i] & 0xFF);
          }
          header = 10;
        }
        if (last == 1) {
          texts.add(new String(out, at + header, (int) len, StandardCharsets.UTF_8));
        }
        at += header + (int) len;
      }
      return new ServerFrames(texts, last == 8);
    }
  }
}
