package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.OutboundMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SharedFrameTest {
  private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);

  private static OutboundMessage message(String json) {
    return OutboundMessage.ofJson(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void recipientsOfOneMessageShareOneNativeCopyOfItsFrame() {
    SharedFrame shared = new SharedFrame();
    OutboundMessage m = message("{\"event\":\"a\"}");
    ByteBuf first = shared.retained(m, alloc);
    ByteBuf second = shared.retained(m, alloc);
    assertTrue(first.isDirect());
    assertSame(first, second, "one copy for both recipients");
    assertEquals(3, first.refCnt(), "a reference per recipient, one for the loop");
    assertEquals(m.frame().length, second.readableBytes());
    first.release();
    second.release();
  }

  @Test
  void theCopyOfAPreviousMessageLivesUntilItsLastRecipientHasWrittenIt() {
    SharedFrame shared = new SharedFrame();
    ByteBuf pending = shared.retained(message("{\"event\":\"a\"}"), alloc);
    ByteBuf next = shared.retained(message("{\"event\":\"b\"}"), alloc);
    assertEquals(1, pending.refCnt(), "still readable by the socket that has not written it yet");
    byte[] bytes = new byte[pending.readableBytes()];
    pending.readBytes(bytes);
    assertTrue(new String(bytes, StandardCharsets.UTF_8).endsWith("{\"event\":\"a\"}"));
    pending.release();
    assertEquals(0, pending.refCnt(), "freed after its last recipient");
    next.release();
  }
}
