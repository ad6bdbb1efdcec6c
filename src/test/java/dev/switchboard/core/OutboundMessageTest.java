package dev.switchboard.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutboundMessageTest {
  @Test
  void shortPayloadsUseTheSevenBitLength() {
    OutboundMessage m = OutboundMessage.ofJson("{}".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(new byte[] {(byte) 0x81, 2, '{', '}'}, m.frame());
  }

  @Test
  void mediumPayloadsUseTheSixteenBitLength() {
    byte[] json = new byte[300];
    OutboundMessage m = OutboundMessage.ofJson(json);
    assertEquals(126, m.frame()[1]);
    assertEquals(300, ((m.frame()[2] & 0xff) << 8) | (m.frame()[3] & 0xff));
    assertEquals(304, m.frame().length);
  }

  @Test
  void largePayloadsUseTheSixtyFourBitLength() {
    OutboundMessage m = OutboundMessage.ofJson(new byte[70_000]);
    assertEquals(127, m.frame()[1]);
    assertEquals(70_010, m.frame().length);
    assertEquals(70_000, m.payloadLength());
  }

  @Test
  void aFrameFromAnotherNodeReadsBackTheSameJson() {
    OutboundMessage m = OutboundMessage.ofJson("{\"event\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(m.json(), OutboundMessage.ofFrame(m.frame()).json());
  }
}
