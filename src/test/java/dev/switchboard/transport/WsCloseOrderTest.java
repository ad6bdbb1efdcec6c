package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The close handshake answers a client's close only after the dialect has let the socket go (channels,
 * presence), as soketi does: a client whose close has resolved never finds itself in the HTTP API's answers.
 */
class WsCloseOrderTest {
  /** A client close frame with code 1000, masked with a zero key (RFC 6455 §5.3: clients must mask). */
  private static ByteBuf clientClose() {
    return Unpooled.wrappedBuffer(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8});
  }

  @Test
  void theDialectLetsGoBeforeTheCloseFrameIsEchoed() {
    EmbeddedChannel ch = new EmbeddedChannel();
    WsFrameHandler ws = new WsFrameHandler("/app/key", "", new String[0], new VertxLoop(0, ch.eventLoop()), 65_536);
    ch.pipeline().addLast(ws);
    List<String> seen = new ArrayList<>();
    ws.handler(new WsHandler() {
      @Override
      public void onText(String text) {}

      @Override
      public void onBinary(int length) {}

      @Override
      public void onClose() {
        seen.add("onClose with " + ch.outboundMessages().size() + " frames written");
      }
    });
    ch.writeInbound(clientClose());
    ch.runPendingTasks();
    assertEquals(List.of("onClose with 0 frames written"), seen, "onClose runs once, before the echo");
    ByteBuf echo = ch.readOutbound();
    assertEquals(0x88, echo.getUnsignedByte(0), "then the close frame is echoed");
    assertEquals(1000, echo.getUnsignedShort(2));
    echo.release();
    assertFalse(ch.isActive(), "and the connection ends");
    ch.finishAndReleaseAll();
  }
}
