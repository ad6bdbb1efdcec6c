package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A protocol violation that the frame handler finds in a whole frame or message (text that is not UTF-8, a bad
 * continuation, a bad close payload) ends decoding like one the decoder finds, found by
 * {@code PusherSocketFuzzTest}: frames after it in the same read used to be decoded still, so the server sent a
 * pong after its close frame and handed later messages to the dialect after refusing the connection.
 */
class WsViolationTest {
  /** A masked client frame with a zero mask key. */
  private static byte[] frame(int opcode, byte... payload) {
    byte[] f = new byte[6 + payload.length];
    f[0] = (byte) (0x80 | opcode);
    f[1] = (byte) (0x80 | payload.length);
    System.arraycopy(payload, 0, f, 6, payload.length);
    return f;
  }

  @Test
  void nothingAfterAnInvalidTextIsAnsweredOrDelivered() {
    EmbeddedChannel ch = new EmbeddedChannel();
    WsFrameHandler ws = new WsFrameHandler("/app/key", "", new String[0], new VertxLoop(0, ch.eventLoop()), 1024);
    ch.pipeline().addLast(ws);
    List<String> texts = new ArrayList<>();
    ws.handler(new WsHandler() {
      @Override
      public void onText(String text) {
        texts.add(text);
      }

      @Override
      public void onBinary(int length) {}

      @Override
      public void onClose() {}
    });
    ByteBuf in = Unpooled.wrappedBuffer(frame(0x1, (byte) 0xC3, (byte) 0x28), frame(0x9, (byte) 'p'),
        frame(0x1, (byte) 'h', (byte) 'i'));
    ch.writeInbound(in);
    ch.runPendingTasks();
    ByteBuf out = ch.readOutbound();
    assertEquals(0x88, out.getUnsignedByte(0), "the close frame");
    assertEquals(1007, out.getUnsignedShort(2));
    out.release();
    assertNull(ch.readOutbound(), "no pong after the close frame");
    assertEquals(List.of(), texts, "no message delivered after the violation");
    ch.finishAndReleaseAll();
  }
}
