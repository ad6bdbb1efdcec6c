package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.core.Utf8;
import dev.switchboard.fuzz.FuzzInput;
import dev.switchboard.fuzz.LogAlarm;
import dev.switchboard.fuzz.Outbound;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * RFC 6455 from the client's side of the wire. {@link WsFrameHandler} (the decoder, fragment joining, UTF-8
 * check, pings and the close handshake) takes any bytes, in any split into reads, without an exception; what it
 * delivers is whole messages within the size limit, and when it ends the connection it has sent a close frame
 * first. The opening handshake ({@link WsHandshake}, {@link UpgradeRequest}) answers any request headers.
 */
class WsFrameFuzzTest {
  private static final int MAX_MESSAGE = 1024;
  private static LogAlarm alarm;

  @BeforeAll
  static void listen() {
    alarm = LogAlarm.install();
  }

  @AfterAll
  static void quiet() {
    alarm.close();
  }

  /** The first byte says where the rest is split into two reads; the rest is what the client sent. */
  @FuzzTest
  void frames(byte[] data) {
    if (data.length == 0) {
      return;
    }
    EmbeddedChannel ch = new EmbeddedChannel();
    WsFrameHandler ws = new WsFrameHandler("/app/key", "", new String[0], new VertxLoop(0, ch.eventLoop()),
        MAX_MESSAGE);
    ch.pipeline().addLast(ws);
    int[] delivered = new int[1];
    ws.handler(new WsHandler() {
      @Override
      public void onText(String text) {
        assertTrue(Utf8.length(text) <= MAX_MESSAGE, "a delivered message is within the limit");
        delivered[0] += Utf8.length(text);
      }

      @Override
      public void onBinary(int length) {
        assertTrue(length <= MAX_MESSAGE, "a delivered message is within the limit");
        delivered[0] += length;
      }

      @Override
      public void onClose() {}
    });
    try {
      int split = 1 + Math.min(data.length - 1, data[0] & 0xFF);
      ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(data, 1, split)));
      if (ch.isActive()) { // a client cannot send on a connection the server already closed
        ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(data, split, data.length)));
      }
      ch.runPendingTasks();
      ch.checkException();
      assertNull(alarm.take(), "the socket failed on an exception");
      assertTrue(delivered[0] <= data.length, "no more payload delivered than received");
      byte[] out = Outbound.drain(ch);
      if (!ch.isActive()) {
        assertTrue(endsWithClose(out), "a connection the server ends gets a close frame first");
      }
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  /** True when the last server frame in {@code out} (unmasked, as servers send them) is a close frame. */
  private static boolean endsWithClose(byte[] out) {
    int at = 0;
    int lastOpcode = -1;
    while (at + 2 <= out.length) {
      lastOpcode = out[at] & 0x0F;
      int len = out[at + 1] & 0x7F;
      int header = 2;
      if (len == 126 && at + 4 <= out.length) {
        len = (out[at + 2] & 0xFF) << 8 | (out[at + 3] & 0xFF);
        header = 4;
      } else if (len == 127) {
        return false; // servers here never send 64-bit lengths in these tests
      }
      at += header + len;
    }
    return lastOpcode == WsFrames.CLOSE && at == out.length;
  }

  /** Lines: the method, then request headers ({@code Name: value}). */
  @FuzzTest
  void handshake(byte[] data) {
    String[] lines = FuzzInput.text(data).split("\r?\n", -1);
    HttpHeaders headers = new DefaultHttpHeaders(false);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.add(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim());
      }
    }
    boolean version13 = WsHandshake.supportedVersion(headers);
    assertEquals("13".equals(headers.get("Sec-WebSocket-Version")), version13);
    String problem = WsHandshake.problem(lines[0], headers);
    if (problem == null) {
      String accept = WsHandshake.accept(headers.get("Sec-WebSocket-Key"));
      assertEquals(28, accept.length(), "base64 of a SHA-1");
      WsHandshake.response(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, headers.get("Sec-WebSocket-Key"))
          .release();
    }
    UpgradeRequest r = new UpgradeRequest("/app/key", null, "10.0.0.1", headers::get);
    assertNotNull(r.clientIp("X-Forwarded-For"));
    assertNotNull(r.clientIp(""));
  }
}
