package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    ByteBuf first = shared.viewOf(m, alloc);
    ByteBuf second = shared.viewOf(m, alloc);
    assertTrue(first.isDirect());
    assertEquals(first.unwrap(), second.unwrap(), "one copy behind both views");
    first.readByte(); // one socket's partial write does not move the other's position
    assertEquals(m.frame().length, second.readableBytes());
    first.release();
    second.release();
  }

  @Test
  void theCopyOfAPreviousMessageLivesUntilItsLastRecipientHasWrittenIt() {
    SharedFrame shared = new SharedFrame();
    ByteBuf pending = shared.viewOf(message("{\"event\":\"a\"}"), alloc);
    ByteBuf next = shared.viewOf(message("{\"event\":\"b\"}"), alloc);
    assertEquals(1, pending.refCnt(), "still readable by the socket that has not written it yet");
    byte[] bytes = new byte[pending.readableBytes()];
    pending.readBytes(bytes);
    assertTrue(new String(bytes, StandardCharsets.UTF_8).endsWith("{\"event\":\"a\"}"));
    pending.release();
    assertEquals(0, pending.unwrap().refCnt(), "freed after its last view");
    next.release();
  }
}
